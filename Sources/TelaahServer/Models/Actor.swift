import TelaahCore

/// Whose values a row holds (`AccessRules.ValueActor`): the PD's self-assessment or the evaluators'.
package typealias Actor = AccessRules.ValueActor
