-- accord store, schema version 2: statements (for mixed signals) and reader reactions.
CREATE TABLE IF NOT EXISTS statements (
    doc_key        VARCHAR NOT NULL,
    position       INTEGER NOT NULL,
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    speaker        VARCHAR NOT NULL,
    speaker_code   VARCHAR,
    text           VARCHAR NOT NULL,
    topic          VARCHAR NOT NULL,
    polarity       INTEGER NOT NULL,
    statement_date DATE,
    start_offset   INTEGER NOT NULL,
    end_offset     INTEGER NOT NULL,
    kind           VARCHAR NOT NULL,
    PRIMARY KEY (doc_key, position)
);
CREATE TABLE IF NOT EXISTS comment_reactions (
    doc_key       VARCHAR NOT NULL,
    comment_id    VARCHAR NOT NULL,
    stance        VARCHAR NOT NULL,
    uncivil       BOOLEAN NOT NULL,
    targets       VARCHAR[],
    depth         INTEGER NOT NULL,
    replies       INTEGER NOT NULL,
    cues          VARCHAR[],
    toward_parent VARCHAR,
    PRIMARY KEY (doc_key, comment_id)
);
CREATE TABLE IF NOT EXISTS article_reactions (
    doc_key            VARCHAR PRIMARY KEY,
    comments           INTEGER NOT NULL,
    agrees             INTEGER NOT NULL,
    disputes           INTEGER NOT NULL,
    off_topic          INTEGER NOT NULL,
    uncivil_share      DOUBLE NOT NULL,
    most_replied       VARCHAR,
    most_replied_count INTEGER NOT NULL
);
