//! A hybrid logical clock: physical milliseconds plus a counter, so that revisions
//! written on laptops with drifting clocks still get a total order that respects
//! causality (a revision always sorts after everything its author had seen).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub wall_ms: u64,
    pub counter: u32,
    /// Device id; breaks ties between devices so that the order is total.
    pub node: String,
}

impl Hlc {
    pub fn zero(node: &str) -> Self {
        Hlc {
            wall_ms: 0,
            counter: 0,
            node: node.to_owned(),
        }
    }
}

/// Text form `wwwwwwwwwwwwwww:cccccc:node`, fixed width so that string order is clock order.
impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}:{:06}:{}", self.wall_ms, self.counter, self.node)
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not a hybrid logical clock value")]
pub struct HlcParseError;

impl FromStr for Hlc {
    type Err = HlcParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.splitn(3, ':');
        let wall_ms = parts
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or(HlcParseError)?;
        let counter = parts
            .next()
            .and_then(|p| p.parse().ok())
            .ok_or(HlcParseError)?;
        let node = parts.next().ok_or(HlcParseError)?.to_owned();
        Ok(Hlc {
            wall_ms,
            counter,
            node,
        })
    }
}

impl Serialize for Hlc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The clock of one device. The caller supplies physical time, keeping this pure.
#[derive(Debug, Clone)]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    pub fn new(node: &str) -> Self {
        HlcClock {
            last: Hlc::zero(node),
        }
    }

    /// Resumes after a restart from the highest clock value this device has stored.
    pub fn resume(node: &str, highest_seen: Option<&Hlc>) -> Self {
        let mut clock = Self::new(node);
        if let Some(h) = highest_seen {
            clock.observe(h);
        }
        clock
    }

    /// A new timestamp for a local event at physical time `now_ms`.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        if now_ms > self.last.wall_ms {
            self.last.wall_ms = now_ms;
            self.last.counter = 0;
        } else {
            self.last.counter += 1;
        }
        self.last.clone()
    }

    /// Takes in a timestamp from elsewhere, so later local events sort after it.
    pub fn observe(&mut self, remote: &Hlc) {
        if (remote.wall_ms, remote.counter) > (self.last.wall_ms, self.last.counter) {
            self.last.wall_ms = remote.wall_ms;
            self.last.counter = remote.counter;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ticks_are_strictly_increasing_even_when_the_wall_clock_goes_back() {
        let mut c = HlcClock::new("dev-a");
        let a = c.tick(1_000);
        let b = c.tick(900);
        let d = c.tick(1_000);
        let e = c.tick(1_001);
        assert!(a < b && b < d && d < e);
        assert_eq!(e.counter, 0);
    }

    #[test]
    fn observing_a_remote_clock_ahead_moves_local_time_past_it() {
        let mut c = HlcClock::new("dev-a");
        c.tick(1_000);
        let remote = Hlc {
            wall_ms: 5_000,
            counter: 7,
            node: "dev-b".into(),
        };
        c.observe(&remote);
        let next = c.tick(1_001);
        assert!(next > remote);
    }

    #[test]
    fn text_form_round_trips() {
        let h = Hlc {
            wall_ms: 1_763_000_000_123,
            counter: 42,
            node: "0197-abc".into(),
        };
        assert_eq!(h.to_string().parse::<Hlc>().unwrap(), h);
        assert!("x:1:n".parse::<Hlc>().is_err());
    }

    proptest! {
        #[test]
        fn string_order_is_clock_order(a in 0u64..1u64<<45, ac in 0u32..999_999, b in 0u64..1u64<<45, bc in 0u32..999_999) {
            let x = Hlc { wall_ms: a, counter: ac, node: "n".into() };
            let y = Hlc { wall_ms: b, counter: bc, node: "n".into() };
            prop_assert_eq!(x.cmp(&y), x.to_string().cmp(&y.to_string()));
        }
    }
}
