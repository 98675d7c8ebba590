//! Dates of birth as refugees know them: often only the year, sometimes year and month.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A date of which the month and day may be unknown. Written `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`; this text form sorts correctly and is what the store and IPC carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartialDateError {
    #[error("not of the form YYYY, YYYY-MM or YYYY-MM-DD")]
    Shape,
    #[error("no such date")]
    NoSuchDate,
    #[error("year out of range")]
    YearOutOfRange,
}

impl PartialDate {
    /// Age in whole years on `on`, counting the unknown parts as favourably as possible
    /// for being younger (so a year-only date of birth never makes someone older than
    /// they can be). `None` when the date lies after `on`.
    pub fn minimum_age_on(&self, on: NaiveDate) -> Option<u32> {
        let month = self.month.unwrap_or(12);
        let day = self
            .day
            .unwrap_or_else(|| last_day_of_month(self.year, month));
        let birth = NaiveDate::from_ymd_opt(self.year, month, day)?;
        if birth > on {
            return None;
        }
        let mut age = on.year() - birth.year();
        if (on.month(), on.day()) < (birth.month(), birth.day()) {
            age -= 1;
        }
        u32::try_from(age).ok()
    }
}

fn last_day_of_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

impl FromStr for PartialDate {
    type Err = PartialDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let number = |p: &str, len: usize| -> Result<u32, PartialDateError> {
            if p.len() != len || !p.chars().all(|c| c.is_ascii_digit()) {
                return Err(PartialDateError::Shape);
            }
            p.parse().map_err(|_| PartialDateError::Shape)
        };
        let year = number(parts[0], 4)? as i32;
        if !(1900..=2100).contains(&year) {
            return Err(PartialDateError::YearOutOfRange);
        }
        let date = match parts.len() {
            1 => PartialDate {
                year,
                month: None,
                day: None,
            },
            2 => {
                let month = number(parts[1], 2)?;
                if !(1..=12).contains(&month) {
                    return Err(PartialDateError::NoSuchDate);
                }
                PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                }
            }
            3 => {
                let month = number(parts[1], 2)?;
                let day = number(parts[2], 2)?;
                NaiveDate::from_ymd_opt(year, month, day).ok_or(PartialDateError::NoSuchDate)?;
                PartialDate {
                    year,
                    month: Some(month),
                    day: Some(day),
                }
            }
            _ => return Err(PartialDateError::Shape),
        };
        Ok(date)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_and_prints_all_three_precisions() {
        for s in ["1987", "1987-03", "1987-03-09"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn refuses_impossible_dates_and_shapes() {
        assert_eq!(
            "1987-02-30".parse::<PartialDate>(),
            Err(PartialDateError::NoSuchDate)
        );
        assert_eq!(
            "1987-13".parse::<PartialDate>(),
            Err(PartialDateError::NoSuchDate)
        );
        assert_eq!("87".parse::<PartialDate>(), Err(PartialDateError::Shape));
        assert_eq!(
            "1987-3-9".parse::<PartialDate>(),
            Err(PartialDateError::Shape)
        );
        assert_eq!(
            "1850".parse::<PartialDate>(),
            Err(PartialDateError::YearOutOfRange)
        );
        assert_eq!("".parse::<PartialDate>(), Err(PartialDateError::Shape));
    }

    #[test]
    fn year_only_age_is_the_youngest_possible() {
        let born: PartialDate = "2008".parse().unwrap();
        // On 2026-06-01 someone born "in 2008" may be 17 (born Dec 2008) or 18.
        assert_eq!(born.minimum_age_on(d(2026, 6, 1)), Some(17));
        assert_eq!(born.minimum_age_on(d(2026, 12, 31)), Some(18));
    }

    #[test]
    fn exact_birthday_boundary() {
        let born: PartialDate = "2008-06-15".parse().unwrap();
        assert_eq!(born.minimum_age_on(d(2026, 6, 14)), Some(17));
        assert_eq!(born.minimum_age_on(d(2026, 6, 15)), Some(18));
        assert_eq!(born.minimum_age_on(d(2000, 1, 1)), None);
    }

    #[test]
    fn partial_dates_sort_chronologically_as_text() {
        let mut v = vec!["1990-05-01", "1989", "1990", "1990-04"];
        v.sort();
        assert_eq!(v, vec!["1989", "1990", "1990-04", "1990-05-01"]);
    }
}
