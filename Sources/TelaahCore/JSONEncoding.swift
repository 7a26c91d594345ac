/// JSON forms of the core's values, shared by the CLI and (later) the API, so both speak the
/// same shapes. Numbers are exact decimal literals.
extension Framework {
    /// The framework in the shape of its file format (`docs/framework-format.md`).
    public func document() -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .int(FrameworkLoader.formatVersion)),
            ("id", .string(id)),
            ("version", .string(version)),
            ("title", .string(title)),
            ("legal_basis", .array(legalBasis.map(JSONValue.string))),
        ]
        if let notes { members.append(("notes", .string(notes))) }
        members.append(
            (
                "answer_types",
                .object(
                    answerTypes.map { type in
                        var t: [(String, JSONValue)] = []
                        if let label = type.label { t.append(("label", .string(label))) }
                        t.append(
                            (
                                "options",
                                .array(
                                    type.options.map { o in
                                        var m: [(String, JSONValue)] = [("code", .string(o.code))]
                                        if let label = o.label { m.append(("label", .string(label))) }
                                        m.append(("value", .decimal(o.value)))
                                        return .object(m)
                                    })
                            ))
                        return (type.id, .object(t))
                    })
            ))
        members.append(
            (
                "grades",
                .array(
                    grades.map { g in
                        var m: [(String, JSONValue)] = [("code", .string(g.code)), ("value", .decimal(g.value))]
                        if g.requiresFullFulfilment { m.append(("requires_full_fulfilment", .bool(true))) }
                        return .object(m)
                    })
            ))
        if !aspects.isEmpty {
            members.append(
                (
                    "aspects",
                    .array(
                        aspects.map { a in
                            .object([
                                ("name", .string(a.name)),
                                ("descriptions", .object(a.descriptions.map { ($0.grade, .string($0.text)) })),
                            ])
                        })
                ))
        }
        members.append(
            (
                "suggested_grade",
                .array(
                    suggestionRules.map { r in
                        .object([
                            ("grade", .string(r.grade)), (r.inclusive ? "at_least" : "above", .decimal(r.threshold)),
                        ])
                    })
            ))
        members.append(
            (
                "predikat",
                .array(
                    predikat.map { b in
                        .object([
                            ("code", .string(b.code)), ("name", .string(b.name)),
                            (b.lowerInclusive ? "from" : "above", .decimal(b.lower)), ("up_to", .decimal(b.upper)),
                            ("interpretation", .string(b.interpretation)),
                        ])
                    })
            ))
        members.append(("components", .array(components.map(\.document))))
        return .object(members)
    }
}

extension Component {
    var document: JSONValue {
        .object([
            ("id", .string(id)), ("title", .string(title)), ("weight", .decimal(weight)),
            ("subcomponents", .array(subcomponents.map(\.document))),
        ])
    }
}

extension Subcomponent {
    var document: JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(id))]
        if let aspect { m.append(("aspect", .string(aspect))) }
        m += [("title", .string(title)), ("weight", .decimal(weight))]
        if !criteria.isEmpty { m.append(("criteria", .array(criteria.map(\.document)))) }
        return .object(m)
    }
}

extension Criterion {
    var document: JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(id)), ("text", .string(text)), ("answer", .string(answerType))]
        if let guidance { m.append(("guidance", .string(guidance))) }
        if !options.isEmpty { m.append(("options", .object(options.map { ($0.code, .string($0.text)) }))) }
        if !evidence.isEmpty { m.append(("evidence", .array(evidence.map(JSONValue.string)))) }
        if let followUp {
            var rule: [(String, JSONValue)] = []
            if !followUp.above.isEmpty {
                rule.append(("above", .object(followUp.above.map { ($0.code, .decimal($0.percent)) })))
            }
            if let otherwise = followUp.otherwise { rule.append(("otherwise", .string(otherwise))) }
            m.append(("follow_up", .object(rule)))
        }
        return .object(m)
    }
}

extension ScoreResult {
    /// The result as JSON. Scores and totals with two decimals; fulfilment in percent.
    public func json(framework: Framework) -> JSONValue {
        var m: [(String, JSONValue)] = [
            ("framework", .object([("id", .string(framework.id)), ("version", .string(framework.version))]))
        ]
        if let unit { m.append(("unit", .string(unit))) }
        m.append(("complete", .bool(complete)))
        m.append(("missing", .array(missing.map { .string($0.id) })))
        m.append(
            (
                "missing_details",
                .array(
                    missing.map {
                        .object([
                            ("id", .string($0.id)), ("kind", .string($0.kind.rawValue)),
                            ("message", .string($0.description)),
                        ])
                    })
            ))
        if !problems.isEmpty {
            m.append(
                (
                    "problems",
                    .array(problems.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })
                ))
        }
        m.append(("total", total.map { .decimal($0, places: 2) } ?? .null))
        m.append(("predikat", predikat.map { .string($0.code) } ?? .null))
        m.append(("predikat_name", predikat.map { .string($0.name) } ?? .null))
        m.append(
            (
                "components",
                .object(
                    components.map { c in
                        (
                            c.id,
                            .object([
                                ("weight", .decimal(c.weight, places: 2)),
                                ("score", c.score.map { .decimal($0, places: 2) } ?? .null),
                                (
                                    "percent",
                                    c.score.map {
                                        .decimal(ExactDecimal.quotient(ExactDecimal(units: $0.units * 100), c.weight))
                                    }
                                        ?? .null
                                ),
                            ])
                        )
                    })
            ))
        m.append(
            (
                "subcomponents",
                .object(
                    subcomponents.map { s in
                        var f: [(String, JSONValue)] = [
                            ("weight", .decimal(s.weight, places: 2)),
                            ("criteria", .int(s.criteria)),
                            ("answered", .int(s.answered)),
                            ("not_applicable", .int(s.notApplicable)),
                            ("fulfilment", s.fulfilment.map { .decimal($0.percent(), places: 2) } ?? .null),
                            ("suggested_grade", s.suggestedGrade.map(JSONValue.string) ?? .null),
                            ("grade", s.grade.map(JSONValue.string) ?? .null),
                            ("grade_source", s.gradeSource.map { .string($0.rawValue) } ?? .null),
                            ("deviates", .bool(s.deviates)),
                            ("score", s.score.map { .decimal($0, places: 2) } ?? .null),
                        ]
                        if let j = s.justification { f.append(("justification", .string(j))) }
                        if let n = s.note { f.append(("note", .string(n))) }
                        return (s.id, .object(f))
                    })
            ))
        return .object(m)
    }
}

extension GroupFigures {
    public func json(columns: [CompiledColumn]) -> JSONValue {
        var m: [(String, JSONValue)] = [("name", .string(name)), ("units", .int(units))]
        m.append(
            (
                "columns",
                .object(
                    columns.indices.map { i in
                        (
                            columns[i].id,
                            .object([
                                ("mean", .decimal(means[i], places: 2)),
                                ("percent_of_weight", .decimal(percents[i], places: 2)),
                                ("predikat", predikat[i].map(JSONValue.string) ?? .null),
                            ])
                        )
                    })
            ))
        if !counts.isEmpty { m.append(("predikat_counts", .object(counts.map { ($0.code, .int($0.count)) }))) }
        return .object(m)
    }
}

extension Compilation {
    public func json() -> JSONValue {
        var m: [(String, JSONValue)] = [
            (
                "columns",
                .array(
                    columns.map {
                        .object([
                            ("id", .string($0.id)), ("title", .string($0.title)),
                            ("weight", .decimal($0.weight, places: 2)),
                        ])
                    })
            ),
            (
                "units",
                .array(
                    units.map { u in
                        var f: [(String, JSONValue)] = [("name", .string(u.name))]
                        if let c = u.cluster { f.append(("cluster", .string(c))) }
                        f.append(
                            (
                                "components",
                                .object(zip(columns, u.components).map { ($0.id, .decimal($1, places: 2)) })
                            ))
                        f += [
                            ("total", .decimal(u.total, places: 2)),
                            ("predikat", u.predikat.map(JSONValue.string) ?? .null),
                            ("rank", .int(u.rank)),
                        ]
                        return .object(f)
                    })
            ),
            ("overall", overall.json(columns: columns)),
            ("clusters", .array(clusters.map { $0.json(columns: columns) })),
        ]
        if let meanOfClusterMeans {
            m.append(("mean_of_cluster_means", meanOfClusterMeans.json(columns: columns)))
        }
        m.append(("ranking", .array(ranking.map { .string(units[$0].name) })))
        if let yoy = yearOverYear {
            m.append(
                (
                    "year_over_year",
                    .object([
                        ("previous", yoy.previous.json(columns: columns)),
                        ("total_change", .decimal(yoy.totalChange, places: 2)),
                        (
                            "column_changes",
                            .object(zip(columns, yoy.columnChanges).map { ($0.id, .decimal($1, places: 2)) })
                        ),
                        (
                            "units",
                            .array(
                                yoy.units.map { u in
                                    .object([
                                        ("name", .string(u.name)),
                                        ("previous_total", u.previousTotal.map { .decimal($0, places: 2) } ?? .null),
                                        ("previous_predikat", u.previousPredikat.map(JSONValue.string) ?? .null),
                                        ("current_total", u.currentTotal.map { .decimal($0, places: 2) } ?? .null),
                                        ("current_predikat", u.currentPredikat.map(JSONValue.string) ?? .null),
                                        ("change", u.change.map { .decimal($0, places: 2) } ?? .null),
                                    ])
                                })
                        ),
                    ])
                ))
        }
        return .object(m)
    }
}
