//! Entry points for the fuzz targets (also replayed over the seed corpus by `cargo test`).

/// Target `config_lint`: read and check any bytes as a deployment bundle. Panics only on a broken
/// invariant: the counts add up, errors come first, every finding names a known rule.
pub fn config_lint(data: &[u8]) {
    let Ok(report) = crate::lint::lint_json(data) else {
        return;
    };
    assert_eq!(report.errors + report.warnings, report.findings.len());
    let errors = report
        .findings
        .iter()
        .take_while(|f| f.severity == crate::lint::Severity::Error)
        .count();
    assert_eq!(errors, report.errors, "errors come first");
    for f in &report.findings {
        assert!(
            crate::lint::rule(&f.rule).is_some(),
            "unknown rule {}",
            f.rule
        );
    }
}
