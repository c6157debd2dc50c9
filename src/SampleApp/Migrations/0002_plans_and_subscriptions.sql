CREATE TABLE plans (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text    NOT NULL UNIQUE,
    name        text    NOT NULL,
    price_cents integer NOT NULL CHECK (price_cents >= 0),
    currency    text    NOT NULL DEFAULT 'EUR'
);

INSERT INTO plans (code, name, price_cents) VALUES
    ('free', 'Free', 0),
    ('pro', 'Pro', 900),
    ('team', 'Team', 2900);

CREATE TABLE subscriptions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    plan_id    integer     NOT NULL REFERENCES plans (id),
    status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- One active subscription per user and plan; a second subscribe is a conflict, not a duplicate row.
CREATE UNIQUE INDEX subscriptions_one_active ON subscriptions (user_id, plan_id) WHERE status = 'active';
