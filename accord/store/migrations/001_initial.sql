-- accord store, schema version 1: pages, their structure, actors, event reports, skips.
CREATE TABLE IF NOT EXISTS documents (
    doc_key        VARCHAR PRIMARY KEY,   -- URL when known, else sha256 of the content
    doc_id         VARCHAR NOT NULL,
    url            VARCHAR,
    content_hash   VARCHAR NOT NULL,
    title          VARCHAR,
    subtitles      VARCHAR[],
    reprinted_from VARCHAR,
    origin         VARCHAR NOT NULL,      -- the independent source: original outlet of a reprint, else the site
    author         VARCHAR,
    published      DATE,
    sections       VARCHAR[],
    boilerplate    VARCHAR[],
    source_format  VARCHAR,
    language       VARCHAR,
    text           VARCHAR NOT NULL,
    batch          BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS paragraphs (
    doc_key   VARCHAR NOT NULL,
    position  INTEGER NOT NULL,
    text      VARCHAR NOT NULL,
    section   VARCHAR,
    kind      VARCHAR NOT NULL,
    start_offset INTEGER,
    end_offset   INTEGER,
    PRIMARY KEY (doc_key, position)
);
CREATE TABLE IF NOT EXISTS comments (
    doc_key    VARCHAR NOT NULL,
    position   INTEGER NOT NULL,
    comment_id VARCHAR NOT NULL,
    author     VARCHAR,
    parent     VARCHAR,
    text       VARCHAR NOT NULL,
    posted     VARCHAR,
    PRIMARY KEY (doc_key, position)
);
CREATE TABLE IF NOT EXISTS actors (
    doc_key  VARCHAR NOT NULL,
    position INTEGER NOT NULL,
    name     VARCHAR NOT NULL,
    code     VARCHAR,
    country  VARCHAR,
    role     VARCHAR,
    kind     VARCHAR NOT NULL,
    mentions VARCHAR NOT NULL,   -- JSON list of {text, start, end}
    PRIMARY KEY (doc_key, position)
);
CREATE TABLE IF NOT EXISTS events (
    event_key      VARCHAR PRIMARY KEY,   -- doc_key | sentence | trigger offset | code
    doc_key        VARCHAR NOT NULL,
    doc_id         VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    sentence       VARCHAR NOT NULL,
    source         VARCHAR,
    source_country VARCHAR,
    source_name    VARCHAR,
    target         VARCHAR,
    target_country VARCHAR,
    target_name    VARCHAR,
    cameo          VARCHAR NOT NULL,
    cameo_base     VARCHAR NOT NULL,
    cameo_root     VARCHAR NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      DOUBLE NOT NULL,
    plover         VARCHAR,
    mode           VARCHAR,
    context        VARCHAR,
    modality       VARCHAR NOT NULL,
    attributed_to  VARCHAR,
    event_date     DATE,
    trigger        VARCHAR NOT NULL,
    trigger_start  INTEGER, trigger_end INTEGER,
    source_start   INTEGER, source_end  INTEGER,
    target_start   INTEGER, target_end  INTEGER,
    sentence_start INTEGER, sentence_end INTEGER,
    rule           VARCHAR NOT NULL,
    location_name  VARCHAR,
    location_country VARCHAR,
    location_adm1  VARCHAR,
    latitude       DOUBLE,
    longitude      DOUBLE,
    location_feature VARCHAR
);
CREATE TABLE IF NOT EXISTS skips (
    skip_key VARCHAR PRIMARY KEY,  -- path/doc id and code: the same skip twice is recorded once
    doc_id   VARCHAR,
    path     VARCHAR,
    stage    VARCHAR NOT NULL,
    code     VARCHAR NOT NULL,
    reason   VARCHAR NOT NULL,
    batch    BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id   VARCHAR PRIMARY KEY,
    first_date   DATE,
    last_date    DATE,
    source       VARCHAR,
    target       VARCHAR,
    cameo_base   VARCHAR NOT NULL,
    cameo_root   VARCHAR NOT NULL,
    quad_class   INTEGER NOT NULL,
    goldstein    DOUBLE NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_sources  INTEGER NOT NULL,
    num_articles INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS event_clusters (
    event_key  VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS store_state (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
