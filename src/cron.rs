//! Cron triggers of scheduled events: Workers' five-field Unix patterns
//! (minute, hour, day of month, month, day of week; `L`, `W` and `#`
//! accepted), evaluated in UTC. A sixth, leading field of seconds is a NANO
//! extension, so a trigger can fire more often than once a minute.

use chrono::{DateTime, Utc};
use croner::parser::{CronParser, Seconds, Year};
use croner::Cron;

/// A checked cron pattern, with the text it was written as.
#[derive(Debug, Clone)]
pub struct CronSchedule {
    text: String,
    cron: Cron,
}

impl CronSchedule {
    /// Parses `text`; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<CronSchedule, String> {
        let parser = CronParser::builder()
            .seconds(Seconds::Optional)
            .year(Year::Disallowed)
            .build();
        let cron = parser
            .parse(text)
            .map_err(|error| format!("cron \"{text}\": {error}"))?;
        Ok(CronSchedule {
            text: text.to_string(),
            cron,
        })
    }

    /// The pattern as written (what `controller.cron` is).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The first time strictly after `after_ms` (milliseconds since the
    /// Unix epoch) that the pattern matches, in the same unit; None when it
    /// never matches again.
    pub fn next_after(&self, after_ms: i64) -> Option<i64> {
        let after = DateTime::<Utc>::from_timestamp_millis(after_ms)?;
        let next = self.cron.find_next_occurrence(&after, false).ok()?;
        Some(next.timestamp_millis())
    }
}

impl PartialEq for CronSchedule {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

#[cfg(test)]
mod tests {
    use super::CronSchedule;

    /// 2026-01-01T00:00:00Z.
    const NEW_YEAR_MS: i64 = 1_767_225_600_000;

    #[test]
    fn five_fields_step_by_minutes() {
        let every_five = CronSchedule::parse("*/5 * * * *").unwrap();
        assert_eq!(every_five.as_str(), "*/5 * * * *");
        assert_eq!(
            every_five.next_after(NEW_YEAR_MS),
            Some(NEW_YEAR_MS + 300_000)
        );
        assert_eq!(
            every_five.next_after(NEW_YEAR_MS + 1),
            Some(NEW_YEAR_MS + 300_000)
        );
    }

    #[test]
    fn a_sixth_leading_field_is_seconds() {
        let every_second = CronSchedule::parse("* * * * * *").unwrap();
        assert_eq!(
            every_second.next_after(NEW_YEAR_MS),
            Some(NEW_YEAR_MS + 1000)
        );
        assert_eq!(
            every_second.next_after(NEW_YEAR_MS + 400),
            Some(NEW_YEAR_MS + 1000)
        );
    }

    #[test]
    fn workers_extensions_and_names_parse() {
        for text in [
            "0 0 L * *",
            "0 12 * * MON-FRI",
            "0 0 15W * *",
            "0 9 * * 1#2",
        ] {
            CronSchedule::parse(text).unwrap_or_else(|error| panic!("{text}: {error}"));
        }
    }

    #[test]
    fn mistakes_are_refused() {
        for text in ["", "* * *", "61 * * * *", "* * * * * * *", "every minute"] {
            assert!(CronSchedule::parse(text).is_err(), "{text} parsed");
        }
    }
}
