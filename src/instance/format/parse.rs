//! Parsing TOML and CSV text into records, every problem named by file, line and field.

use super::*;

/// Line (1-based) of a byte offset in `text`.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Physical line numbers of CSV records from the reader's byte positions (a CRLF file and
/// quoted fields spanning lines count as the file shows them), counted incrementally:
/// records come in order.
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }
    /// The line a record starting at `byte` is on (the reader may point at the line end
    /// before it).
    pub(crate) fn at(&mut self, byte: u64) -> usize {
        let mut b = (byte as usize).min(self.text.len());
        while b < self.text.len() && matches!(self.text[b], b'\r' | b'\n') {
            b += 1;
        }
        if b < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        self.line += self.text[self.byte..b]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        self.byte = b;
        self.line
    }
}

/// The field a TOML error speaks of: a backticked name in its message, or the key on the
/// line it points at.
pub(super) fn toml_field(text: &str, err: &toml::de::Error) -> String {
    let msg = err.message();
    for marker in ["unknown field `", "missing field `", "unknown variant `"] {
        if let Some(i) = msg.find(marker) {
            if marker != "unknown variant `" {
                let rest = &msg[i + marker.len()..];
                if let Some(j) = rest.find('`') {
                    return rest[..j].to_string();
                }
            }
        }
    }
    if let Some(span) = err.span() {
        let start = text[..span.start.min(text.len())]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let line_text = &text[start..];
        let line_text = line_text.lines().next().unwrap_or("");
        if let Some(eq) = line_text.find('=') {
            return line_text[..eq].trim().trim_matches('"').to_string();
        }
    }
    String::new()
}

/// Parse a TOML document into `T`, turning a syntax or type error into a [`Problem`] that
/// names the file, the line and the field.
pub fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|e| {
        let record = match e.span() {
            Some(span) => format!("line {}", line_of(text, span.start)),
            None => "document".to_string(),
        };
        if e.message().trim() == "duplicate key" {
            if let Some(span) = e.span() {
                let key = text
                    .get(span)
                    .unwrap_or("")
                    .trim()
                    .trim_matches(|c| c == '"' || c == '\'' || c == '[' || c == ']');
                return Problem::new(
                    file,
                    record,
                    key,
                    format!("duplicate key `{key}`: expected each key and table once"),
                );
            }
        }
        let message = e
            .message()
            .trim()
            .replace("expected f64", "expected a number")
            .replace("expected u32", "expected a whole number")
            .replace("expected i64", "expected a whole number")
            .replace("expected a boolean", "expected true or false");
        Problem::new(file, record, toml_field(text, &e), message)
    })
}

/// Parse a CSV table with a header row into records, reporting every bad row.
pub fn parse_csv<T: Record>(file: &str, text: &str) -> Result<Vec<Located<T>>, Vec<Problem>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![Problem::new(
                file,
                "line 1",
                "",
                format!("header: {e}"),
            )])
        }
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut lines = LineCounter::new(text);
    let layout = Layout::new::<T>(&headers);
    let mut records = rdr.records().peekable();
    if let Some(Ok(first)) = records.peek() {
        let missing = layout.missing_columns::<T>(first);
        if !missing.is_empty() {
            return Err(vec![Problem::new(
                file,
                "line 1",
                "",
                format!(
                    "the header lacks {} required column(s): {}: expected each in the header",
                    missing.len(),
                    missing.join(", ")
                ),
            )]);
        }
    }
    for result in records {
        let row = match result {
            Ok(row) => row,
            Err(e) => {
                problems.push(csv_problem(file, &headers, &e, &mut lines));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| lines.at(p.byte()));
        match layout.record::<T>(&row) {
            Ok(record) => out.push(Located {
                file: file.to_string(),
                at: format!("line {line}"),
                record,
            }),
            Err(RecordError::Csv(e)) => problems.push(csv_problem(file, &headers, &e, &mut lines)),
            Err(RecordError::Shifted(e, head)) => {
                problems.push(csv_problem(file, &head, &e, &mut lines))
            }
            Err(RecordError::Cell(field, m)) => {
                problems.push(Problem::new(file, format!("line {line}"), field, m))
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(out)
}

pub(super) fn csv_problem(
    file: &str,
    headers: &csv::StringRecord,
    e: &csv::Error,
    lines: &mut LineCounter,
) -> Problem {
    let line = e
        .position()
        .map(|p| format!("line {}", lines.at(p.byte())))
        .unwrap_or_else(|| "table".to_string());
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let field = err
                .field()
                .and_then(|i| headers.get(i as usize))
                .map(str::to_string)
                .unwrap_or_else(|| {
                    // missing/unknown field messages name the field themselves
                    let m = err.to_string();
                    m.split('`').nth(1).unwrap_or("").to_string()
                });
            Problem::new(file, line, field, expected_message(&err.kind().to_string()))
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Problem::new(
            file,
            line,
            "",
            format!("expected {expected_len} fields as in the header, found {len}"),
        ),
        _ => Problem::new(file, line, "", e.to_string()),
    }
}

pub(super) fn expected_message(m: &str) -> String {
    if m.contains("invalid float") {
        format!("{m}: expected a number")
    } else if m.contains("invalid integer") {
        format!("{m}: expected a whole number")
    } else if m.contains("invalid bool") || m.contains("boolean") {
        format!("{m}: expected true or false")
    } else {
        m.to_string()
    }
}
