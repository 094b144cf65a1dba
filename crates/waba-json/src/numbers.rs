//! Numbers a `serde_json::Value` cannot keep exactly (a 20-digit integer, `1e-999`, more decimals
//! than an `f64` holds) found in the JSON text itself, before anything would round them.

/// The canonical decimal form of a JSON number token: sign, significant digits without leading or
/// trailing zeros, and the exponent of the first digit. `None` for a malformed token.
fn canonical_decimal(token: &str) -> Option<(bool, String, i64)> {
    let (neg, rest) = match token.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, token),
    };
    let (mantissa, exp) = match rest.find(['e', 'E']) {
        Some(i) => (rest.get(..i)?, rest.get(i + 1..)?.parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    let lead = digits.len() - digits.trim_start_matches('0').len();
    let sig = digits.trim_start_matches('0').trim_end_matches('0');
    if sig.is_empty() {
        return Some((false, String::new(), 0));
    }
    // Position of the first significant digit relative to the decimal point.
    let point = i64::try_from(int.len()).ok()? - i64::try_from(lead).ok()? + exp;
    Some((neg, sig.to_owned(), point))
}

/// Whether a JSON number token survives `serde_json::Value` unchanged in value: an integer within
/// `i64`/`u64`, or a float whose shortest `f64` form is the same decimal number.
pub fn number_is_exact(token: &str) -> bool {
    if !token.contains(['.', 'e', 'E'])
        && (token.parse::<i64>().is_ok() || token.parse::<u64>().is_ok())
    {
        return true;
    }
    let Ok(x) = token.parse::<f64>() else {
        return false;
    };
    let Some(n) = serde_json::Number::from_f64(x) else {
        return false;
    };
    canonical_decimal(token) == canonical_decimal(&n.to_string())
}

/// Checks every number of a JSON text (strings are skipped); `Err` gives the character offset of
/// the first number a JSON value cannot keep exactly.
pub fn check_numbers(json: &str) -> Result<(), u64> {
    let bytes = json.as_bytes();
    let mut i = 0;
    let mut in_string = false;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if b == b'"' {
            in_string = true;
            i += 1;
            continue;
        }
        if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while bytes.get(i).is_some_and(|c| {
                c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.' | b'e' | b'E')
            }) {
                i += 1;
            }
            let token = json.get(start..i).unwrap_or_default();
            if !number_is_exact(token) {
                return Err(json.get(..start).map_or(0, |p| p.chars().count()) as u64);
            }
            continue;
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_numbers_pass_and_lossy_ones_are_refused() {
        for ok in [
            r#"{"a": 1}"#,
            r#"{"a": -0}"#,
            r#"{"a": 0.1}"#,
            r#"{"a": 1e3}"#,
            r#"{"a": 18446744073709551615}"#,
            r#"{"a": "1e999 in a string"}"#,
            r#"{"a": [1.5, -2.25E-3]}"#,
            r#"{"a": 1.0}"#,
            r#"{"a": "\"1e999"}"#,
        ] {
            assert!(check_numbers(ok).is_ok(), "{ok}");
        }
        for bad in [
            r#"{"a": 18446744073709551616}"#,
            r#"{"a": 1e-999}"#,
            r#"{"a": 1.00000000000000000001}"#,
            r#"{"a": 10444444444444444444444444}"#,
        ] {
            assert_eq!(check_numbers(bad), Err(6), "{bad}");
        }
    }
}
