//! Bench `render`: the preview of a typical notification (three parameters, about 200 bytes),
//! against a hand-written `push_str` of the same output and the equivalent minijinja template,
//! in the same run.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use waba_template::{Params, Rules, Template};

const BODY: &str = "Hello {{1}}, your order {{2}} has shipped and should arrive by {{3}}. Track it any time in the app, or reply to this message if anything looks wrong. Thank you for shopping with us!";
const JINJA: &str = "Hello {{ a }}, your order {{ b }} has shipped and should arrive by {{ c }}. Track it any time in the app, or reply to this message if anything looks wrong. Thank you for shopping with us!";
const VALUES: [&str; 3] = ["Ana Silva", "#A-20931", "Friday, 27 November"];

fn hand_written(a: &str, b: &str, c: &str) -> String {
    const LITERALS: usize = 6 + 13 + 34 + 113;
    let mut s = String::with_capacity(LITERALS + a.len() + b.len() + c.len());
    s.push_str("Hello ");
    s.push_str(a);
    s.push_str(", your order ");
    s.push_str(b);
    s.push_str(" has shipped and should arrive by ");
    s.push_str(c);
    s.push_str(". Track it any time in the app, or reply to this message if anything looks wrong. Thank you for shopping with us!");
    assert_eq!(s.len(), LITERALS + a.len() + b.len() + c.len());
    s
}

fn render(c: &mut Criterion) {
    let def = serde_json::json!({"name": "order_update", "language": "en_US",
        "components": [{"type": "BODY", "text": BODY}]});
    let t = Template::from_json(&def.to_string(), &Rules::default()).unwrap();
    let params = Params::positional(VALUES);
    let ours = t.preview(&params).unwrap();
    assert_eq!(ours, hand_written(VALUES[0], VALUES[1], VALUES[2]));

    let mut env = minijinja::Environment::new();
    env.add_template("n", JINJA).unwrap();
    let tmpl = env.get_template("n").unwrap();
    let ctx = minijinja::context! { a => VALUES[0], b => VALUES[1], c => VALUES[2] };
    assert_eq!(tmpl.render(&ctx).unwrap(), ours);

    let mut g = c.benchmark_group("render");
    g.bench_function("waba_preview", |b| {
        b.iter(|| black_box(&t).preview(black_box(&params)).unwrap())
    });
    g.bench_function("waba_render_with_send_body", |b| {
        b.iter(|| black_box(&t).render(black_box(&params)).unwrap())
    });
    g.bench_function("hand_written_push_str", |b| {
        b.iter(|| {
            hand_written(
                black_box(VALUES[0]),
                black_box(VALUES[1]),
                black_box(VALUES[2]),
            )
        })
    });
    g.bench_function("minijinja", |b| {
        b.iter(|| black_box(&tmpl).render(black_box(&ctx)).unwrap())
    });
    g.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
