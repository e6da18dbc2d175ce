//! Clocks ([`SlaPolicy`]) and the queue: a first-response clock, no resolution clock,
//! first come first served.

use tierline_calendar::{BusinessMinutes, Calendar};
use tierline_core::{
    ClockSpec, PolicyError, QueueEntry, QueueKey, SlaPolicy, SlaQuery, SlaTargets,
};

use crate::{__TYPE__, BUSINESS_DAY};

impl SlaPolicy for __TYPE__ {
    fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    fn business_day(&self) -> BusinessMinutes {
        BUSINESS_DAY
    }

    /// First response within `first_response_business_days` (default 1 bd), no warning,
    /// no pause; no resolution target (`__ID__.sla.first_response`). Priority, channel and
    /// line do not matter.
    fn sla_targets(&self, query: &SlaQuery) -> Result<SlaTargets, PolicyError> {
        self.plan(&query.plan)?;
        Ok(SlaTargets {
            first_response: Some(ClockSpec {
                target: Self::business_days(self.config().first_response_business_days),
                warning: None,
                pauses_when_pending: false,
                met_by_mitigation: false,
            }),
            resolution: None,
        })
    }

    /// One band, ordered by receipt (`__ID__.queue.fifo`).
    fn queue_key(&self, entry: &QueueEntry<'_>) -> QueueKey {
        QueueKey {
            class: 0,
            at: entry.received_at,
        }
    }
}
