//! The monitoring export for the municipality (issue 6, item 6): anonymised aggregate figures
//! as CSV, with small cells suppressed. Pure: the caller passes the team's records and
//! "today", and writes the bytes where the user chose.
//!
//! # What is in it
//!
//! One long table, `table,period,group,measure,value`:
//!
//! * `routes` — cases per route chosen (the highest fixed PIP version's route), and `total`.
//! * `waiting_days` — per step ([`WaitingStep`]): `n` and the nearest-rank percentiles
//!   `p25`, `p50`, `p75`, `p90` in days (definitions in [`crate::dashboard`]).
//! * `pip_deadline` — per quarter of the PIP due date (`period` = `2025-Q3`, and `all`): cases
//!   whose PIP was fixed on or before the due date (`on_time`), after it or not yet and the
//!   due date has gone by (`late`), `total`, and `pct_on_time` (one decimal). Cases whose due
//!   date has not come and that have no PIP are not counted yet.
//! * `outcomes` — per quarter of koppeling (the cohort, `period`), cases by the phase they
//!   have reached today (`intake`, `pip`, `route`, `completed`, `closed`, `unknown`) and
//!   `total`.
//!
//! Nothing else: no names, BSN, V-number, date of birth, address, counsellor name, record id
//! or any date finer than a quarter. Route codes come from the municipality's settings.
//!
//! # Suppression
//!
//! Every count is a number of persons (one case per person). A count below
//! [`MIN_CELL`] (0 included) is **primarily suppressed**. Each table is a grid whose rows and
//! columns add up to published totals, so a single suppressed cell in a row or column could
//! be recomputed as total minus the others: wherever a row or column (totals included) has
//! exactly one suppressed entry, the smallest unsuppressed cell of that row or column is
//! suppressed too (**secondary suppression**), repeated until no row or column has exactly
//! one. Every suppressed value is written **empty**, primary and secondary alike, so the
//! reader cannot tell which is which. A percentage is published only when both counts it is
//! made of are; the waiting-time percentiles of a step are published only when its `n` is.
//!
//! Known limits (documented, not hidden): the rule stops every suppressed cell from being
//! the only unknown of a published sum; it is not a full audit (as τ-ARGUS does) of what
//! combinations of sums and the non-negativity of counts could still narrow a suppressed
//! value to an interval. Percentiles of a step with `n` ≥ 5 include extreme values (`p90` of 5
//! cases is the longest wait), which says how long one person waited, never who.

use crate::dashboard::{milestones, nearest_rank, TeamRecords, WaitingStep, PHASES};
use crate::deadlines::{case_deadlines, CaseDates, DeadlineKind, DeadlineState, Terms};
use crate::records::Client;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Counts below this are suppressed.
pub const MIN_CELL: u32 = 5;

/// One published value: a number, or suppressed (written empty).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Count(u32),
    Days(u32),
    Percent(f64),
    Suppressed,
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Count(n) | Value::Days(n) => n.to_string(),
            Value::Percent(p) => format!("{p:.1}"),
            Value::Suppressed => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub table: &'static str,
    pub period: String,
    pub group: String,
    pub measure: String,
    pub value: Value,
}

/// A grid of counts with its row, column and grand totals, and which are suppressed.
#[derive(Debug, Clone)]
pub struct Grid {
    pub cells: Vec<Vec<u32>>,
    pub suppressed: Vec<Vec<bool>>,
    pub row_totals: Vec<u32>,
    pub row_suppressed: Vec<bool>,
    pub col_totals: Vec<u32>,
    pub col_suppressed: Vec<bool>,
    pub grand: u32,
    pub grand_suppressed: bool,
}

impl Grid {
    /// Totals and primary and secondary suppression of `cells` (rows × columns).
    pub fn new(cells: Vec<Vec<u32>>) -> Grid {
        let cols = cells.first().map_or(0, Vec::len);
        let row_totals: Vec<u32> = cells.iter().map(|r| r.iter().sum()).collect();
        let col_totals: Vec<u32> = (0..cols)
            .map(|c| cells.iter().map(|r| r[c]).sum())
            .collect();
        let grand = row_totals.iter().sum();
        let small = |n: &u32| *n < MIN_CELL;
        let mut g = Grid {
            suppressed: cells
                .iter()
                .map(|r| r.iter().map(small).collect())
                .collect(),
            row_suppressed: row_totals.iter().map(small).collect(),
            col_suppressed: col_totals.iter().map(small).collect(),
            grand_suppressed: small(&grand),
            cells,
            row_totals,
            col_totals,
            grand,
        };
        g.secondary();
        g
    }

    fn secondary(&mut self) {
        let rows = self.cells.len();
        let cols = self.col_totals.len();
        loop {
            let mut changed = false;
            // Each row: its cells and its total.
            for r in 0..rows {
                let hidden = self.suppressed[r].iter().filter(|s| **s).count()
                    + usize::from(self.row_suppressed[r]);
                if hidden == 1 {
                    if self.hide_smallest((0..cols).map(|c| (r, c)).collect()) {
                        changed = true;
                    } else if !self.row_suppressed[r] {
                        // Its only cell is hidden: the total, which equals it, goes too.
                        self.row_suppressed[r] = true;
                        changed = true;
                    }
                }
            }
            // Each column: its cells and its total.
            for c in 0..cols {
                let hidden = (0..rows).filter(|r| self.suppressed[*r][c]).count()
                    + usize::from(self.col_suppressed[c]);
                if hidden == 1 {
                    if self.hide_smallest((0..rows).map(|r| (r, c)).collect()) {
                        changed = true;
                    } else if !self.col_suppressed[c] {
                        self.col_suppressed[c] = true;
                        changed = true;
                    }
                }
            }
            // The row totals add up to the grand total, and so do the column totals.
            let hidden = self.row_suppressed.iter().filter(|s| **s).count()
                + usize::from(self.grand_suppressed);
            if hidden == 1 {
                if hide_smallest_total(&self.row_totals, &mut self.row_suppressed) {
                    changed = true;
                } else if !self.grand_suppressed {
                    self.grand_suppressed = true;
                    changed = true;
                }
            }
            let hidden = self.col_suppressed.iter().filter(|s| **s).count()
                + usize::from(self.grand_suppressed);
            if hidden == 1 {
                if hide_smallest_total(&self.col_totals, &mut self.col_suppressed) {
                    changed = true;
                } else if !self.grand_suppressed {
                    self.grand_suppressed = true;
                    changed = true;
                }
            }
            // A total hidden above hides nothing by itself, but its row or column now has an
            // unknown: the loop comes round to it.
            if !changed {
                break;
            }
        }
    }

    /// Suppresses the smallest unsuppressed cell among `cells`; false when there is none.
    fn hide_smallest(&mut self, cells: Vec<(usize, usize)>) -> bool {
        let pick = cells
            .iter()
            .filter(|(r, c)| !self.suppressed[*r][*c])
            .min_by_key(|(r, c)| self.cells[*r][*c])
            .copied();
        match pick {
            Some((r, c)) => {
                self.suppressed[r][c] = true;
                true
            }
            None => false,
        }
    }
}

fn hide_smallest_total(totals: &[u32], suppressed: &mut [bool]) -> bool {
    let pick = (0..totals.len())
        .filter(|i| !suppressed[*i])
        .min_by_key(|i| totals[*i]);
    match pick {
        Some(i) => {
            suppressed[i] = true;
            true
        }
        None => false,
    }
}

fn count(n: u32, hidden: bool) -> Value {
    if hidden {
        Value::Suppressed
    } else {
        Value::Count(n)
    }
}

/// The quarter of a date, `2025-Q3`.
pub fn quarter(d: NaiveDate) -> String {
    format!("{}-Q{}", d.year(), (d.month0() / 3) + 1)
}

/// The rows of the export.
pub fn monitoring_rows(team: &TeamRecords, terms: &Terms, today: NaiveDate) -> Vec<Row> {
    let ms = milestones(team);
    let mut rows = Vec::new();
    let mut push = |table: &'static str, period: &str, group: &str, measure: &str, value| {
        rows.push(Row {
            table,
            period: period.to_owned(),
            group: group.to_owned(),
            measure: measure.to_owned(),
            value,
        })
    };

    // Routes.
    let mut routes: BTreeMap<&str, u32> = BTreeMap::new();
    for m in ms.values() {
        if let Some(r) = &m.route {
            *routes.entry(r.as_str()).or_default() += 1;
        }
    }
    let names: Vec<&str> = routes.keys().copied().collect();
    let grid = Grid::new(routes.values().map(|n| vec![*n]).collect());
    for (i, name) in names.iter().enumerate() {
        push(
            "routes",
            "all",
            name,
            "cases",
            count(grid.cells[i][0], grid.suppressed[i][0]),
        );
    }
    push(
        "routes",
        "all",
        "total",
        "cases",
        count(grid.grand, grid.grand_suppressed),
    );

    // Waiting times.
    for step in WaitingStep::ALL {
        let mut days: Vec<u32> = ms
            .values()
            .filter_map(|m| m.days(step))
            .filter(|d| *d >= 0)
            .map(|d| u32::try_from(d).unwrap_or(u32::MAX))
            .collect();
        days.sort_unstable();
        let n = days.len() as u32;
        let hidden = n < MIN_CELL;
        push("waiting_days", "all", step.as_str(), "n", count(n, hidden));
        for p in [25, 50, 75, 90] {
            let value = match nearest_rank(&days, p) {
                Some(v) if !hidden => Value::Days(v),
                _ => Value::Suppressed,
            };
            push(
                "waiting_days",
                "all",
                step.as_str(),
                &format!("p{p}"),
                value,
            );
        }
    }

    // PIP deadline adherence, by quarter of the due date.
    let nobody = Client::default();
    let mut adherence: BTreeMap<String, [u32; 2]> = BTreeMap::new();
    for case in team.cases.values() {
        let client = case
            .client_id
            .as_deref()
            .and_then(|c| team.clients.get(c))
            .unwrap_or(&nobody);
        let dates = CaseDates::from_records(client, case);
        let Some(d) = case_deadlines(&dates, terms, today)
            .into_iter()
            .find(|d| d.kind == DeadlineKind::Pip)
        else {
            continue;
        };
        let Some(due) = d.due else { continue };
        let slot = match d.state {
            DeadlineState::Met => 0,
            DeadlineState::MetLate | DeadlineState::Overdue => 1,
            _ => continue,
        };
        adherence.entry(quarter(due)).or_default()[slot] += 1;
    }
    let periods: Vec<String> = adherence.keys().cloned().collect();
    let grid = Grid::new(adherence.values().map(|v| v.to_vec()).collect());
    let pct = |on: u32, late: u32, hidden: bool| {
        if hidden || on + late == 0 {
            Value::Suppressed
        } else {
            Value::Percent(f64::from(on) * 100.0 / f64::from(on + late))
        }
    };
    for (i, period) in periods.iter().enumerate() {
        let (on, late) = (grid.cells[i][0], grid.cells[i][1]);
        let (on_h, late_h) = (grid.suppressed[i][0], grid.suppressed[i][1]);
        push("pip_deadline", period, "", "on_time", count(on, on_h));
        push("pip_deadline", period, "", "late", count(late, late_h));
        push(
            "pip_deadline",
            period,
            "",
            "total",
            count(grid.row_totals[i], grid.row_suppressed[i]),
        );
        push(
            "pip_deadline",
            period,
            "",
            "pct_on_time",
            pct(on, late, on_h || late_h),
        );
    }
    if !periods.is_empty() {
        let (on, late) = (grid.col_totals[0], grid.col_totals[1]);
        let (on_h, late_h) = (grid.col_suppressed[0], grid.col_suppressed[1]);
        push("pip_deadline", "all", "", "on_time", count(on, on_h));
        push("pip_deadline", "all", "", "late", count(late, late_h));
        push(
            "pip_deadline",
            "all",
            "",
            "total",
            count(grid.grand, grid.grand_suppressed),
        );
        push(
            "pip_deadline",
            "all",
            "",
            "pct_on_time",
            pct(on, late, on_h || late_h),
        );
    }

    // Outcomes by koppeling cohort.
    let mut phases: Vec<&str> = PHASES.to_vec();
    phases.push("unknown");
    let mut cohorts: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, case) in &team.cases {
        let Some(k) = ms.get(id).and_then(|m| m.koppeling) else {
            continue;
        };
        let status = case
            .status
            .as_deref()
            .filter(|s| PHASES.contains(s))
            .unwrap_or("unknown");
        let col = phases
            .iter()
            .position(|p| *p == status)
            .unwrap_or(phases.len() - 1);
        cohorts
            .entry(quarter(k))
            .or_insert_with(|| vec![0; phases.len()])[col] += 1;
    }
    let periods: Vec<String> = cohorts.keys().cloned().collect();
    let grid = Grid::new(cohorts.into_values().collect());
    for (i, period) in periods.iter().enumerate() {
        for (c, phase) in phases.iter().enumerate() {
            push(
                "outcomes",
                period,
                "",
                phase,
                count(grid.cells[i][c], grid.suppressed[i][c]),
            );
        }
        push(
            "outcomes",
            period,
            "",
            "total",
            count(grid.row_totals[i], grid.row_suppressed[i]),
        );
    }
    if !periods.is_empty() {
        for (c, phase) in phases.iter().enumerate() {
            push(
                "outcomes",
                "all",
                "",
                phase,
                count(grid.col_totals[c], grid.col_suppressed[c]),
            );
        }
        push(
            "outcomes",
            "all",
            "",
            "total",
            count(grid.grand, grid.grand_suppressed),
        );
    }
    rows
}

/// The export as CSV bytes (UTF-8, a header line, comma-separated).
pub fn monitoring_csv(rows: &[Row]) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["table", "period", "group", "measure", "value"])?;
    for r in rows {
        w.write_record([
            r.table,
            r.period.as_str(),
            r.group.as_str(),
            r.measure.as_str(),
            r.value.text().as_str(),
        ])?;
    }
    w.into_inner().map_err(|e| e.into_error().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether any suppressed cell is the only unknown of a row or column (with totals).
    fn recomputable(g: &Grid) -> bool {
        let rows = g.cells.len();
        let cols = g.col_totals.len();
        if rows == 0 || cols == 0 {
            return false; // nothing published but a zero
        }
        (0..rows).any(|r| {
            (0..cols).filter(|c| g.suppressed[r][*c]).count() + usize::from(g.row_suppressed[r])
                == 1
        }) || (0..cols).any(|c| {
            (0..rows).filter(|r| g.suppressed[*r][c]).count() + usize::from(g.col_suppressed[c])
                == 1
        }) || g.row_suppressed.iter().filter(|s| **s).count() + usize::from(g.grand_suppressed) == 1
            || g.col_suppressed.iter().filter(|s| **s).count() + usize::from(g.grand_suppressed)
                == 1
    }

    #[test]
    fn a_lone_small_cell_takes_a_neighbour_with_it() {
        let g = Grid::new(vec![vec![3, 20, 30], vec![10, 12, 40]]);
        assert!(g.suppressed[0][0]);
        // Row 0 would give 3 = total − 20 − 30: the 20 goes too; column 0 would give 3 =
        // 13 − 10: the 10 goes too; then row 1 needs a second one, and so on.
        assert!(g.suppressed[0][1]);
        assert!(g.suppressed[1][0]);
        assert!(!recomputable(&g));
    }

    #[test]
    fn empty_and_single_cell_grids_end() {
        let g = Grid::new(Vec::new());
        assert!(g.grand_suppressed);
        let g = Grid::new(vec![vec![3]]);
        assert!(g.suppressed[0][0] && g.row_suppressed[0] && g.grand_suppressed);
        let g = Grid::new(vec![vec![]]);
        assert!(g.grand_suppressed);
    }

    #[test]
    fn nothing_small_nothing_hidden() {
        let g = Grid::new(vec![vec![5, 20], vec![10, 12]]);
        assert!(g.suppressed.iter().flatten().all(|s| !s));
        assert!(!g.grand_suppressed);
    }

    #[test]
    fn random_grids_leave_no_single_unknown() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        for _ in 0..2000 {
            let rows = rng.random_range(0..6);
            let cols = rng.random_range(0..6);
            let cells: Vec<Vec<u32>> = (0..rows)
                .map(|_| (0..cols).map(|_| rng.random_range(0..15)).collect())
                .collect();
            let g = Grid::new(cells.clone());
            assert!(!recomputable(&g), "{cells:?}");
            for (r, row) in cells.iter().enumerate() {
                for (c, n) in row.iter().enumerate() {
                    if *n < MIN_CELL {
                        assert!(g.suppressed[r][c]);
                    }
                }
            }
        }
    }

    #[test]
    fn quarters() {
        assert_eq!(
            quarter(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()),
            "2025-Q1"
        );
        assert_eq!(
            quarter(NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()),
            "2025-Q4"
        );
    }
}
