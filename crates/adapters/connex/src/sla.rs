//! Clocks and the queue: first response in 1 bd, no resolution target, Platinum first.

use tierline_calendar::BusinessMinutes;
use tierline_core::{
    Calendar, ClockSpec, PolicyError, QueueEntry, QueueKey, SlaPolicy, SlaQuery, SlaTargets,
};

use crate::{catalog, Connex};

/// One Connex business day: 09:00–16:00 = 7 h = 420 business minutes.
pub const BUSINESS_DAY: BusinessMinutes = BusinessMinutes::from_hours(7);

impl Connex {
    /// The first-response clock of every Connex ticket.
    pub(crate) fn first_response_clock(&self) -> ClockSpec {
        ClockSpec {
            target: BUSINESS_DAY,
            warning: self.config().first_response_warning,
            // The promise is an answer within one business day of receipt; nothing in the
            // seeds stops that clock while the customer is being waited on.
            pauses_when_pending: false,
            met_by_mitigation: false,
        }
    }
}

impl SlaPolicy for Connex {
    fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    fn business_day(&self) -> BusinessMinutes {
        BUSINESS_DAY
    }

    /// Every plan, priority and channel gets the same clocks: first response in 1 bd, no
    /// resolution target. A support line is not a Connex concept and is refused.
    fn sla_targets(&self, query: &SlaQuery) -> Result<SlaTargets, PolicyError> {
        self.plan(&query.plan)?;
        if query.line.is_some() {
            return Err(PolicyError::NotApplicable(
                "Connex counts support tiers, not lines".into(),
            ));
        }
        Ok(SlaTargets {
            first_response: Some(self.first_response_clock()),
            resolution: None,
        })
    }

    /// Platinum (class 0) before every other plan (class 1), then oldest first.
    fn queue_key(&self, entry: &QueueEntry<'_>) -> QueueKey {
        QueueKey {
            class: if catalog::is_platinum(entry.plan) {
                0
            } else {
                1
            },
            at: entry.received_at,
        }
    }
}
