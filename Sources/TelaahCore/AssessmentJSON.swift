/// A field of a JSON input that has the wrong shape.
public struct InputFieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `subcomponents.1.a.answers.1.a.3`
    public var path: String
    public var message: String
    public var description: String { "\(path.isEmpty ? "(dokumen)" : path): \(message)" }
}

extension AssessmentInput {
    /// Reads one assessment:
    /// `{"framework": "...", "unit": "...", "subcomponents": {"1.a": {"answers": {"1.a.1": "Y",
    /// "1.a.2": {"not_applicable": "alasan"}}, "grade": "B", "justification": "...", "note": "..."}}}`.
    /// Every part optional. Returns the input and the `framework` reference, if any.
    public static func parse(json root: JSONValue) throws(InputFieldError) -> (
        input: AssessmentInput, framework: String?
    ) {
        guard let members = root.members else {
            throw InputFieldError(path: "", message: "harus berupa objek JSON")
        }
        var input = AssessmentInput()
        var framework: String?
        func text(_ value: JSONValue, _ path: String) throws(InputFieldError) -> String {
            guard let s = value.stringValue else {
                throw InputFieldError(path: path, message: "harus berupa teks, bukan \(value.kindName)")
            }
            return s
        }
        for (key, value) in members {
            switch key {
            case "framework": framework = try text(value, key)
            case "unit": input.unit = try text(value, key)
            case "subcomponents":
                guard let subs = value.members else {
                    throw InputFieldError(path: key, message: "harus berupa objek per sub-komponen")
                }
                for (subID, entry) in subs {
                    let base = "subcomponents.\(subID)"
                    guard let fields = entry.members else {
                        throw InputFieldError(path: base, message: "harus berupa objek")
                    }
                    var sub = SubcomponentInput()
                    for (field, fieldValue) in fields {
                        let path = "\(base).\(field)"
                        switch field {
                        case "answers":
                            guard let answers = fieldValue.members else {
                                throw InputFieldError(path: path, message: "harus berupa objek kriteria: jawaban")
                            }
                            for (criterion, answer) in answers {
                                let answerPath = "\(path).\(criterion)"
                                if let code = answer.stringValue {
                                    sub.answers[criterion] = .code(code)
                                } else if let reason = answer["not_applicable"], answer.members?.count == 1 {
                                    sub.answers[criterion] = .notApplicable(
                                        reason: try text(reason, "\(answerPath).not_applicable"))
                                } else if answer == .null {
                                    continue  // not yet answered
                                } else {
                                    throw InputFieldError(
                                        path: answerPath,
                                        message:
                                            "harus berupa kode jawaban (\"Y\", \"b\") atau {\"not_applicable\": \"alasan\"}"
                                    )
                                }
                            }
                        case "grade": sub.grade = fieldValue == .null ? nil : try text(fieldValue, path)
                        case "justification": sub.justification = try text(fieldValue, path)
                        case "note": sub.note = try text(fieldValue, path)
                        default: throw InputFieldError(path: path, message: "kunci \"\(field)\" tidak dikenal")
                        }
                    }
                    input.subcomponents[subID] = sub
                }
            default: throw InputFieldError(path: key, message: "kunci \"\(key)\" tidak dikenal")
            }
        }
        return (input, framework)
    }
}
