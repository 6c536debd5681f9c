-- Users erased, as each read model that holds rows about them has seen it. A model's segments progress at their
-- own pace (in a replay, far apart), so a row about a person can arrive after their erasure: the model checks its
-- own list before writing one. Each model keeps its own rows, so that a reset of one rebuilds it alone.
CREATE TABLE erased_users (
    processing_group VARCHAR(64) NOT NULL,
    user_id          UUID        NOT NULL,
    PRIMARY KEY (processing_group, user_id)
);
