-- Expert slots held by referrals: one booking per referral, one referral per slot (expert + start instant).
-- No foreign key to experts: re-importing or removing an expert must not silently drop a booked exam.
CREATE TABLE expert_bookings (
    referral_id TEXT    NOT NULL PRIMARY KEY,
    expert_id   TEXT    NOT NULL,
    slot_start  INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,
    office_id   TEXT    NOT NULL,
    booked_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX expert_bookings_by_slot ON expert_bookings (expert_id, slot_start);
CREATE INDEX expert_bookings_by_day ON expert_bookings (expert_id, local_date);
