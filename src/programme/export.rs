//! The programme as a file for other solvers: free MPS and CPLEX LP, exactly what `solve`
//! hands to HiGHS, with rows and columns under their stockland names (`rule_id[key]`,
//! `x[unit,use]`...). A maximisation (MPS: `OBJSENSE MAX`), or with [`Sense::Min`] the
//! negated objective minimised (no `OBJSENSE`: portable to every reader); named after the
//! instance and model (MPS `NAME`); in whole-unit mode the binaries are marked integer. Names keep their stockland spelling in MPS (white space replaced by
//! `_`); LP, whose names may not hold brackets, `>` or `:`, spells `[`, `]`, `>` and `:` as
//! `(`, `)`, `_to_` and `_`.

use super::{column_label, row_label, Programme};
use crate::instance::Instance;
use std::fmt::Write;

/// Which file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Mps,
    Lp,
}

/// The objective's sense in the file: as stockland states it (maximise the net benefit),
/// or as its negation minimised, for readers that ignore or refuse a maximisation (CBC
/// reads MPS `OBJSENSE MAX` and minimises; GLPK refuses the section). Same optimum,
/// objective value negated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sense {
    #[default]
    Max,
    Min,
}

fn mps_name(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect()
}

fn lp_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '[' => out.push('('),
            ']' => out.push(')'),
            '>' => out.push_str("_to_"),
            ':' | '<' | '=' | '+' | '-' | '*' | '^' => out.push('_'),
            c if c.is_whitespace() => out.push('_'),
            c => out.push(c),
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == 'e' || c == 'E') {
        out.insert(0, '_');
    }
    out
}

/// A number as the formats read it (shortest round-trip, no `inf`).
fn num(v: f64) -> String {
    format!("{v}")
}

/// The names of the programme's columns and rows in `format`.
pub fn names(inst: &Instance, p: &Programme, format: Format) -> (Vec<String>, Vec<String>) {
    let f = match format {
        Format::Mps => mps_name,
        Format::Lp => lp_name,
    };
    let cols = p
        .columns
        .iter()
        .map(|c| f(&column_label(inst, p, c)))
        .collect();
    let rows = p.rows.iter().map(|r| f(&row_label(inst, r))).collect();
    (cols, rows)
}

/// The programme in `format`, maximised, named `stockland`.
pub fn export(inst: &Instance, p: &Programme, format: Format) -> String {
    export_as(inst, p, format, Sense::Max, "stockland")
}

/// The programme in `format` with its objective in `sense`, the problem named `name` (MPS
/// `NAME`, an LP comment; white space replaced by `_`).
pub fn export_as(
    inst: &Instance,
    p: &Programme,
    format: Format,
    sense: Sense,
    name: &str,
) -> String {
    let (cols, rows) = names(inst, p, format);
    let name = mps_name(name);
    match format {
        Format::Mps => mps(p, &cols, &rows, sense, &name),
        Format::Lp => lp(p, &cols, &rows, sense, &name),
    }
}

/// A solution of the exported programme as a MIPLIB solution file (`.sol`): `=obj= value`,
/// the objective in the file's `sense` computed from `values` (so that a reader can
/// recompute it from the file), then `name value` for every column that is not zero, under
/// the names of the file's `format`. `values` is `None` for a programme proven infeasible:
/// `=infeas=`.
pub fn solution_file(
    inst: &Instance,
    p: &Programme,
    format: Format,
    sense: Sense,
    values: Option<&[f64]>,
) -> String {
    let Some(x) = values else {
        return "=infeas=\n".into();
    };
    let (cols, _) = names(inst, p, format);
    let objective: f64 = (0..p.num_cols()).map(|j| cost(p, j, sense) * x[j]).sum();
    let mut s = format!("=obj= {}\n", num(objective));
    for (j, name) in cols.iter().enumerate() {
        if x[j] != 0.0 {
            let _ = writeln!(s, "{name} {}", num(x[j]));
        }
    }
    s
}

/// Column `j`'s objective coefficient in `sense`.
fn cost(p: &Programme, j: usize, sense: Sense) -> f64 {
    match sense {
        Sense::Max => p.col_cost[j],
        Sense::Min => -p.col_cost[j],
    }
}

fn mps(p: &Programme, cols: &[String], rows: &[String], sense: Sense, name: &str) -> String {
    let mut s = String::new();
    match sense {
        Sense::Max => {
            let _ = writeln!(s, "NAME {name}\nOBJSENSE\n    MAX\nROWS\n N  obj");
        }
        // no OBJSENSE section: every MPS reader minimises by default
        Sense::Min => {
            let _ = writeln!(
                s,
                "* stockland: the net benefit's negation, minimised (optimum = −net benefit)\nNAME {name}\nROWS\n N  obj"
            );
        }
    }
    for (r, name) in rows.iter().enumerate() {
        let (l, u) = (p.row_lower[r], p.row_upper[r]);
        let t = match (l.is_finite(), u.is_finite()) {
            (true, true) if l == u => "E",
            (_, true) => "L",
            (true, false) => "G",
            (false, false) => "N",
        };
        let _ = writeln!(s, " {t}  {name}");
    }
    let _ = writeln!(s, "COLUMNS");
    let mut in_int = false;
    for (j, name) in cols.iter().enumerate() {
        if p.col_integer[j] != in_int {
            let m = if p.col_integer[j] { "INTORG" } else { "INTEND" };
            let _ = writeln!(s, "    MARKER  'MARKER'  '{m}'");
            in_int = p.col_integer[j];
        }
        if p.col_cost[j] != 0.0 || p.col_start[j] == p.col_start[j + 1] {
            let _ = writeln!(s, "    {name}  obj  {}", num(cost(p, j, sense)));
        }
        for k in p.col_start[j]..p.col_start[j + 1] {
            let _ = writeln!(
                s,
                "    {name}  {}  {}",
                rows[p.row_index[k] as usize],
                num(p.value[k])
            );
        }
    }
    if in_int {
        let _ = writeln!(s, "    MARKER  'MARKER'  'INTEND'");
    }
    let _ = writeln!(s, "RHS");
    for (r, name) in rows.iter().enumerate() {
        let (l, u) = (p.row_lower[r], p.row_upper[r]);
        let rhs = if u.is_finite() {
            u
        } else if l.is_finite() {
            l
        } else {
            0.0
        };
        if rhs != 0.0 {
            let _ = writeln!(s, "    RHS  {name}  {}", num(rhs));
        }
    }
    let _ = writeln!(s, "RANGES");
    for (r, name) in rows.iter().enumerate() {
        let (l, u) = (p.row_lower[r], p.row_upper[r]);
        if l.is_finite() && u.is_finite() && l != u {
            let _ = writeln!(s, "    RNG  {name}  {}", num(u - l));
        }
    }
    let _ = writeln!(s, "BOUNDS");
    for (j, name) in cols.iter().enumerate() {
        let (l, u) = (p.col_lower[j], p.col_upper[j]);
        if p.col_integer[j] && l == 0.0 && u == 1.0 {
            let _ = writeln!(s, " BV BND  {name}");
            continue;
        }
        if l == u {
            let _ = writeln!(s, " FX BND  {name}  {}", num(l));
            continue;
        }
        if l == f64::NEG_INFINITY {
            let _ = writeln!(s, " MI BND  {name}");
        } else if l != 0.0 {
            let _ = writeln!(s, " LO BND  {name}  {}", num(l));
        }
        if u.is_finite() {
            let _ = writeln!(s, " UP BND  {name}  {}", num(u));
        }
    }
    s.push_str("ENDATA\n");
    s
}

/// Terms `+ 1.5 x + -2 y` as LP text, wrapped; with no term, `0 zero` (LP wants one term
/// in an objective or row: `zero` is a column of the programme, so that no phantom column
/// is added).
fn terms(s: &mut String, items: impl Iterator<Item = (f64, String)>, zero: &str) {
    let mut first = true;
    let mut width = 0;
    for (v, name) in items {
        let t = if first {
            format!("{} {name}", num(v))
        } else if v < 0.0 {
            format!(" - {} {name}", num(-v))
        } else {
            format!(" + {} {name}", num(v))
        };
        width += t.len();
        s.push_str(&t);
        if width > 200 {
            s.push_str("\n   ");
            width = 0;
        }
        first = false;
    }
    if first {
        s.push_str("0 ");
        s.push_str(zero);
    }
}

fn lp(p: &Programme, cols: &[String], rows: &[String], sense: Sense, name: &str) -> String {
    let mut s = format!(
        "\\ stockland: the programme `solve` hands to HiGHS ({name}){}\n{}\n obj: ",
        match sense {
            Sense::Max => "",
            Sense::Min => "; the net benefit's negation, minimised",
        },
        match sense {
            Sense::Max => "Maximize",
            Sense::Min => "Minimize",
        }
    );
    // a programme without columns (nothing to decide) still needs one for its empty rows
    let zero = cols.first().map_or("_zero", String::as_str);
    terms(
        &mut s,
        (0..p.num_cols())
            .filter(|&j| p.col_cost[j] != 0.0)
            .map(|j| (cost(p, j, sense), cols[j].clone())),
        zero,
    );
    s.push_str("\nSubject To\n");
    let mut by_row: Vec<Vec<(f64, String)>> = vec![Vec::new(); p.num_rows()];
    for (j, name) in cols.iter().enumerate() {
        for k in p.col_start[j]..p.col_start[j + 1] {
            by_row[p.row_index[k] as usize].push((p.value[k], name.clone()));
        }
    }
    // a row bounded on both sides (a band) is two rows, `name_lo` (≥) and `name_hi` (≤):
    // `lo <= expr <= hi` is CPLEX's own extension, which HiGHS, SCIP and GLPK refuse and
    // CBC reads without its lower side
    let taken: std::collections::HashSet<&str> = rows.iter().map(String::as_str).collect();
    let side = |name: &str, suffix: &str| {
        let mut n = format!("{name}_{suffix}");
        while taken.contains(n.as_str()) {
            n.push('_');
        }
        n
    };
    for (r, name) in rows.iter().enumerate() {
        let (l, u) = (p.row_lower[r], p.row_upper[r]);
        let entries = std::mem::take(&mut by_row[r]);
        let row = |s: &mut String, name: &str, sense: &str, rhs: f64| {
            let _ = write!(s, " {name}: ");
            terms(s, entries.iter().cloned(), zero);
            let _ = writeln!(s, " {sense} {}", num(rhs));
        };
        match (l.is_finite(), u.is_finite()) {
            (true, true) if l == u => row(&mut s, name, "=", u),
            (true, true) => {
                row(&mut s, &side(name, "lo"), ">=", l);
                row(&mut s, &side(name, "hi"), "<=", u);
            }
            (false, true) => row(&mut s, name, "<=", u),
            (true, false) => row(&mut s, name, ">=", l),
            (false, false) => row(&mut s, name, ">=", -1e30),
        }
    }
    s.push_str("Bounds\n");
    for (j, name) in cols.iter().enumerate() {
        let (l, u) = (p.col_lower[j], p.col_upper[j]);
        let lo = if l == f64::NEG_INFINITY {
            "-inf".to_string()
        } else {
            num(l)
        };
        let hi = if u.is_finite() {
            num(u)
        } else {
            "+inf".to_string()
        };
        let _ = writeln!(s, " {lo} <= {name} <= {hi}");
    }
    if cols.is_empty() {
        s.push_str(" _zero = 0\n");
    }
    let ints: Vec<&String> = cols
        .iter()
        .enumerate()
        .filter(|(j, _)| p.col_integer[*j])
        .map(|(_, n)| n)
        .collect();
    if !ints.is_empty() {
        s.push_str("General\n");
        for n in ints {
            let _ = writeln!(s, " {n}");
        }
    }
    s.push_str("End\n");
    s
}
