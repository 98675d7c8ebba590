//! The code lists the UI offers (countries, languages, choices) are the ones the core
//! validates against. They are written to `ui/src/lib/bindings/reference.ts` by `cargo test`,
//! next to the ts-rs types, so the bindings drift check in CI also catches a list that
//! changed on one side only.

use aankomst_core::reference::{COUNTRIES, LANGUAGES, RIGHT_TO_LEFT};
use aankomst_core::validate::{
    CASE_STATUS, CONVERSATION_TYPE, INTERPRETER_MODE, LITERACY, MEMBER_ROLE, PARTICIPANT_ROLE,
    PLACE, SEX, SPOKEN, TARGET_GROUP,
};

fn list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    format!("[{}] as const", quoted.join(", "))
}

/// The TypeScript module with every list, in a stable order.
pub fn reference_module() -> String {
    use aankomst_core::trajectory::{
        DUTY_DECISION_GROUNDS, DUTY_DECISION_KIND, DUTY_DECISION_SCOPE, EXAM_LEVEL, GOAL_STATUS,
        ONTZORGEN_OUTCOME,
    };
    let choices: [(&str, &[&str]); 16] = [
        ("sex", SEX),
        ("case_status", CASE_STATUS),
        ("place", PLACE),
        ("conversation_type", CONVERSATION_TYPE),
        ("interpreter_mode", INTERPRETER_MODE),
        ("member_role", MEMBER_ROLE),
        ("participant_role", PARTICIPANT_ROLE),
        ("spoken", SPOKEN),
        ("literacy", LITERACY),
        ("target_group", TARGET_GROUP),
        ("goal_status", GOAL_STATUS),
        ("ontzorgen_outcome", ONTZORGEN_OUTCOME),
        ("duty_decision_kind", DUTY_DECISION_KIND),
        ("duty_decision_scope", DUTY_DECISION_SCOPE),
        ("duty_decision_grounds", DUTY_DECISION_GROUNDS),
        ("exam_level", EXAM_LEVEL),
    ];
    let mut out = String::from(
        "// Generated from aankomst-core by `cargo test` (crates/aankomst-app/src/reference_export.rs).\n\
         // Do not edit: change the Rust lists, run the tests and commit the result.\n\n",
    );
    out.push_str(&format!(
        "export const COUNTRIES = {};\n\n",
        list(COUNTRIES)
    ));
    out.push_str(&format!(
        "export const LANGUAGES = {};\n\n",
        list(LANGUAGES)
    ));
    out.push_str(&format!(
        "export const RIGHT_TO_LEFT = {};\n\n",
        list(RIGHT_TO_LEFT)
    ));
    out.push_str("export const CHOICES = {\n");
    for (name, values) in choices {
        out.push_str(&format!("  {name}: {},\n", list(values)));
    }
    out.push_str("} as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes the module where ts-rs writes the types (`TS_RS_EXPORT_DIR`, set in
    /// `.cargo/config.toml`).
    #[test]
    fn export_reference_lists() {
        let dir = std::env::var("TS_RS_EXPORT_DIR")
            .expect("TS_RS_EXPORT_DIR is set in .cargo/config.toml");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            std::path::Path::new(&dir).join("reference.ts"),
            reference_module(),
        )
        .unwrap();
    }

    #[test]
    fn every_list_is_complete_and_quoted() {
        let module = reference_module();
        assert!(
            module.contains("'stateless'")
                && module.contains("'tig'")
                && module.contains("'informal_key_person'")
        );
        assert!(module.contains("member_role: ['referent', 'partner'"));
        assert_eq!(module.matches(" as const").count(), 3 + 16 + 1);
    }
}
