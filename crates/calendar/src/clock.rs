//! [`SlaClock`]: an SLA timer over business time, stored as plain data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::CalendarError;
use crate::minutes::BusinessMinutes;

/// When an SLA clock should warn before it breaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningRule {
    /// Once `percent` % of the target has elapsed (rounded down to whole seconds).
    Fraction {
        /// 0–100 (larger values are clamped to 100).
        percent: u8,
    },
    /// This many business minutes before the due time (at the start if longer than the
    /// target).
    BeforeDue(BusinessMinutes),
    /// Once this many business minutes have elapsed (IEX: warn at 1 bd of 3).
    AfterElapsed(BusinessMinutes),
}

/// The state of an SLA clock at some instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockStatus {
    /// Counting, within target.
    Running,
    /// Paused (e.g. waiting on the customer), within target.
    Paused,
    /// Stopped within target.
    Met,
    /// More business time elapsed than the target (running, paused or stopped).
    Breached,
}

/// Why a clock event was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    /// `pause` on a paused clock.
    #[error("the clock is already paused")]
    AlreadyPaused,
    /// `resume` on a running clock.
    #[error("the clock is not paused")]
    NotPaused,
    /// Any event after `stop`.
    #[error("the clock is stopped")]
    Stopped,
    /// An event earlier than the clock's last event.
    #[error("event at {at} is before the clock's last event at {last}")]
    BeforeLastEvent {
        /// The refused event's instant.
        at: DateTime<Utc>,
        /// The last recorded event.
        last: DateTime<Utc>,
    },
    /// The calendar could not compute with the instant.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// One running period of a clock: from a start/resume to a pause/stop (`None` = still running).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockRun {
    /// Start or resume instant.
    pub from: DateTime<Utc>,
    /// Pause or stop instant; `None` while running.
    pub to: Option<DateTime<Utc>>,
}

/// An SLA clock: start, pauses, resumes and stop, measured in business time.
///
/// Plain data (no calendar inside) so it can be stored as JSON; every computation takes the
/// [`Calendar`]. Only business time while running counts; a clock started (or resumed)
/// outside hours starts counting at the next opening. The due instant is the earliest
/// instant at which the target has elapsed, so it moves later with every pause.
/// `elapsed == target` is not yet a breach; `elapsed > target` is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlaClock {
    started_at: DateTime<Utc>,
    target: BusinessMinutes,
    #[serde(default)]
    warning: Option<WarningRule>,
    runs: Vec<ClockRun>,
    #[serde(default)]
    stopped_at: Option<DateTime<Utc>>,
    /// Whether the clock was running (not paused) when stopped.
    #[serde(default)]
    stopped_running: bool,
}

impl SlaClock {
    /// A clock running from `at` with a `target` and an optional warning rule.
    pub fn start(at: DateTime<Utc>, target: BusinessMinutes, warning: Option<WarningRule>) -> Self {
        Self {
            started_at: at,
            target,
            warning,
            runs: vec![ClockRun { from: at, to: None }],
            stopped_at: None,
            stopped_running: false,
        }
    }

    /// The target.
    pub fn target(&self) -> BusinessMinutes {
        self.target
    }

    /// When the clock was started.
    pub fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    /// The warning rule, if any.
    pub fn warning(&self) -> Option<WarningRule> {
        self.warning
    }

    /// The running periods so far.
    pub fn runs(&self) -> &[ClockRun] {
        &self.runs
    }

    /// When the clock was stopped.
    pub fn stopped_at(&self) -> Option<DateTime<Utc>> {
        self.stopped_at
    }

    /// Whether the clock is paused (a stopped clock is not paused).
    pub fn is_paused(&self) -> bool {
        self.stopped_at.is_none() && self.runs.last().is_none_or(|r| r.to.is_some())
    }

    fn last_event(&self) -> DateTime<Utc> {
        let run = self
            .runs
            .last()
            .map_or(self.started_at, |r| r.to.unwrap_or(r.from));
        self.stopped_at.map_or(run, |s| s.max(run))
    }

    fn check_event(&self, at: DateTime<Utc>) -> Result<(), ClockError> {
        if self.stopped_at.is_some() {
            return Err(ClockError::Stopped);
        }
        let last = self.last_event();
        if at < last {
            return Err(ClockError::BeforeLastEvent { at, last });
        }
        Ok(())
    }

    /// Pauses the clock at `at`.
    pub fn pause(&mut self, cal: &Calendar, at: DateTime<Utc>) -> Result<(), ClockError> {
        self.check_event(at)?;
        let Some(run) = self.runs.last_mut().filter(|r| r.to.is_none()) else {
            return Err(ClockError::AlreadyPaused);
        };
        cal.business_seconds_between(run.from, at)?;
        run.to = Some(at);
        Ok(())
    }

    /// Resumes a paused clock at `at`.
    pub fn resume(&mut self, at: DateTime<Utc>) -> Result<(), ClockError> {
        self.check_event(at)?;
        if !self.is_paused() {
            return Err(ClockError::NotPaused);
        }
        self.runs.push(ClockRun { from: at, to: None });
        Ok(())
    }

    /// Stops the clock at `at` (running or paused). Later events are refused.
    pub fn stop(&mut self, cal: &Calendar, at: DateTime<Utc>) -> Result<(), ClockError> {
        self.check_event(at)?;
        self.stopped_running = false;
        if let Some(run) = self.runs.last_mut().filter(|r| r.to.is_none()) {
            cal.business_seconds_between(run.from, at)?;
            run.to = Some(at);
            self.stopped_running = true;
        }
        self.stopped_at = Some(at);
        Ok(())
    }

    /// Changes the target (e.g. after a priority change); history is kept.
    pub fn retarget(&mut self, target: BusinessMinutes) {
        self.target = target;
    }

    /// Business seconds counted up to `now` (frozen once stopped; only the running periods
    /// count).
    pub fn elapsed_seconds(
        &self,
        cal: &Calendar,
        now: DateTime<Utc>,
    ) -> Result<i64, CalendarError> {
        let mut total = 0;
        for run in &self.runs {
            // Runs are clipped at `now`, so asking about an earlier instant gives the
            // elapsed time as it was then.
            let end = run.to.map_or(now, |to| to.min(now));
            total += cal.business_seconds_between(run.from, end)?;
        }
        Ok(total)
    }

    /// Business minutes left at `now` (rounded down, so negative as soon as it is over).
    pub fn remaining_minutes(
        &self,
        cal: &Calendar,
        now: DateTime<Utc>,
    ) -> Result<i64, CalendarError> {
        Ok((self.target.seconds() - self.elapsed_seconds(cal, now)?).div_euclid(60))
    }

    /// The instant at which `secs` business seconds of running time are reached, if known.
    fn instant_at_elapsed(
        &self,
        cal: &Calendar,
        secs: i64,
    ) -> Result<Option<DateTime<Utc>>, CalendarError> {
        let secs = secs.max(0);
        let mut acc = 0;
        let n = self.runs.len();
        for (i, run) in self.runs.iter().enumerate() {
            let project = run.to.is_none() || (i + 1 == n && self.stopped_running);
            if let (Some(to), false) = (run.to, project) {
                let len = cal.business_seconds_between(run.from, to)?;
                if acc + len >= secs {
                    return cal.add_business_seconds(run.from, secs - acc).map(Some);
                }
                acc += len;
            } else {
                return cal.add_business_seconds(run.from, secs - acc).map(Some);
            }
        }
        Ok(None)
    }

    /// The due instant: `None` while paused (unless the target was already reached);
    /// once stopped, the due it had at the stop (`None` if it was paused then).
    pub fn due_at(&self, cal: &Calendar) -> Result<Option<DateTime<Utc>>, CalendarError> {
        self.instant_at_elapsed(cal, self.target.seconds())
    }

    /// The warning instant under the warning rule (same pause rules as [`SlaClock::due_at`]).
    pub fn warning_at(&self, cal: &Calendar) -> Result<Option<DateTime<Utc>>, CalendarError> {
        let target = self.target.seconds();
        let secs = match self.warning {
            None => return Ok(None),
            Some(WarningRule::Fraction { percent }) => {
                target.saturating_mul(i64::from(percent.min(100))) / 100
            }
            Some(WarningRule::BeforeDue(m)) => target - m.seconds(),
            Some(WarningRule::AfterElapsed(m)) => m.seconds(),
        };
        self.instant_at_elapsed(cal, secs)
    }

    /// The status at `now`.
    pub fn status(&self, cal: &Calendar, now: DateTime<Utc>) -> Result<ClockStatus, CalendarError> {
        let elapsed = self.elapsed_seconds(cal, now)?;
        Ok(if elapsed > self.target.seconds() {
            ClockStatus::Breached
        } else if self.stopped_at.is_some() {
            ClockStatus::Met
        } else if self.is_paused() {
            ClockStatus::Paused
        } else {
            ClockStatus::Running
        })
    }
}
