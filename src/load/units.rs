//! A form's units row (（%） / 公顷 under the header) against the catalogue: a unit that is not the
//! indicator's is an `unit-mismatch` error, since the numbers under it are then in another unit than
//! the one the catalogue judges them in (公顷 where the catalogue counts a share in %).

use super::number::fold_full_width;
use super::read::Row;
use crate::catalog::Indicator;
use crate::problem::{BookExpected, Code, Expected, Problem};

/// A unit as written, folded so that the forms offices write compare equal: brackets around it
/// (half- or full-width, `[]`, `【】`) dropped, full-width letters and signs made half-width (`％`),
/// spaces removed, superscript digits made digits (`m³`), the micro sign made mu, ASCII lower-cased.
pub(super) fn fold_unit(unit: &str) -> String {
    let half = fold_full_width(unit.trim());
    let mut s: &str = half.trim();
    for (open, close) in [('(', ')'), ('[', ']'), ('【', '】')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            s = inner.trim();
            break;
        }
    }
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '²' => '2',
            '³' => '3',
            'µ' => 'μ',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The problems of a form's units row: each indicator column whose unit cell is not empty and, once
/// folded, not the catalogue's unit. An indicator the catalogue gives no unit is not compared.
pub(super) fn units_row_problems<'c>(
    file: &str,
    row: &Row,
    header: &Row,
    columns: impl Iterator<Item = (usize, &'c Indicator)>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (col, ind) in columns {
        let cell = row.cell(col).trim();
        if cell.is_empty() || ind.unit.trim().is_empty() || fold_unit(cell) == fold_unit(&ind.unit) {
            continue;
        }
        let expected = Expected::Book(BookExpected::FormUnit { id: ind.id.clone(), unit: ind.unit.clone() });
        let p = Problem::error(Code::UnitMismatch, file, expected).at(row.line, Some(col + 1), header.cell(col));
        problems.push(p.found(cell));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_folded_as_offices_write_them() {
        for written in ["（%）", "(%)", "％", " ( ％ ) ", "%", "【%】"] {
            assert_eq!(fold_unit(written), "%", "{written:?}");
        }
        assert_eq!(fold_unit("（μg/m³）"), fold_unit("μg/m3"));
        assert_eq!(fold_unit("µg/M3"), fold_unit("μg/m3"));
        assert_eq!(fold_unit("（公顷）"), "公顷");
        assert_ne!(fold_unit("（公顷）"), fold_unit("%"));
        assert_ne!(fold_unit("万亩"), fold_unit("亩"));
    }
}
