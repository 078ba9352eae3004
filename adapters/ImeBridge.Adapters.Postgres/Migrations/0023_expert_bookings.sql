-- Expert slots held by referrals: one booking per referral, one referral per slot (expert + start instant).
-- No foreign key to experts: re-importing or removing an expert must not silently drop a booked exam.
CREATE TABLE expert_bookings (
    referral_id text        NOT NULL PRIMARY KEY,
    expert_id   text        NOT NULL,
    slot_start  timestamptz NOT NULL,
    local_date  date        NOT NULL,
    office_id   text        NOT NULL,
    booked_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX expert_bookings_by_slot ON expert_bookings (expert_id, slot_start);
CREATE INDEX expert_bookings_by_day ON expert_bookings (expert_id, local_date);
