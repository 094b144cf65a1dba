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

/// Target `transcript`: any bytes as a webhook taken into a transcript (after a send it may answer),
/// then every page. Panics only on a broken invariant: every event shows, pages hold what the
/// transcript holds, and a page never says "older" past the last one.
pub fn transcript(data: &[u8]) {
    let Ok(hook) = waba_model::Webhook::parse(data) else {
        return;
    };
    let config = crate::Config::default();
    let mut t = crate::transcript::Transcript::new(&config);
    let Ok(body) = waba_model::Outbound::text("Which one?") else {
        return;
    };
    let _ = t.push_sent(
        "wamid.fuzz",
        chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
        body,
        None,
        None,
    );
    if t.push_webhook(&hook, None, None).is_err() {
        return;
    }
    let all = t.entries();
    let mut seen = 0;
    let mut n = 0;
    loop {
        let page = t.page(n);
        seen += page.entries.iter().filter(|e| e.is_message()).count();
        if !page.older {
            break;
        }
        n += 1;
        assert!(n <= all.len(), "pages never end");
    }
    assert_eq!(seen, all.iter().filter(|e| e.is_message()).count());
}
