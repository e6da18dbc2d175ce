//! Clocks ([`SlaPolicy`]) and the queue: a first-response clock of 3 bd (warning after
//! 1 bd), 10 bd at 2nd line, no resolution clock; strictly first come, first served.

use tierline_calendar::{BusinessMinutes, Calendar, WarningRule};
use tierline_core::{
    ClockSpec, Line, PolicyError, QueueEntry, QueueKey, SlaPolicy, SlaQuery, SlaTargets,
};

use crate::{Iex, BUSINESS_DAY};

impl Iex {
    /// The 1st-line first-response clock (`iex.sla.first_response`).
    pub(crate) fn first_line_clock(&self) -> ClockSpec {
        ClockSpec {
            target: Self::business_days(self.config().first_response_business_days),
            warning: Some(WarningRule::AfterElapsed(Self::business_days(
                self.config().first_response_warning_business_days,
            ))),
            pauses_when_pending: false,
            met_by_mitigation: false,
        }
    }

    /// The 2nd-line response clock (`iex.sla.second_line`).
    pub(crate) fn second_line_clock(&self) -> ClockSpec {
        ClockSpec {
            target: Self::business_days(self.config().second_line_response_business_days),
            warning: self
                .config()
                .second_line_warning_business_days
                .map(|d| WarningRule::AfterElapsed(Self::business_days(d))),
            pauses_when_pending: false,
            met_by_mitigation: false,
        }
    }
}

impl SlaPolicy for Iex {
    fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    fn business_day(&self) -> BusinessMinutes {
        BUSINESS_DAY
    }

    /// Priority and channel do not matter; the line does. These are the clocks of a
    /// ticket IEX handles; routing to a partner or reseller (see `evaluate`) removes them.
    fn sla_targets(&self, query: &SlaQuery) -> Result<SlaTargets, PolicyError> {
        if !self.plans.iter().any(|p| p.id == query.plan) {
            return Err(PolicyError::UnknownPlan(query.plan.to_string()));
        }
        let first_response = match query.line {
            Some(Line::Second) => self.second_line_clock(),
            Some(Line::First) | None => self.first_line_clock(),
        };
        Ok(SlaTargets {
            first_response: Some(first_response),
            resolution: None,
        })
    }

    /// One band, ordered by receipt: priority and due times are ignored (`iex.queue.fifo`).
    fn queue_key(&self, entry: &QueueEntry<'_>) -> QueueKey {
        QueueKey {
            class: 0,
            at: entry.received_at,
        }
    }
}
