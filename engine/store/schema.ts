/** The SQLite schema. Bump SCHEMA_VERSION and add a step to MIGRATIONS for every change. */
export const SCHEMA_VERSION = 23;

/**
 * Camunda 8.8's default variable size threshold: a search answers a longer value cut to this many characters, with
 * `isTruncated: true`, unless the request asks for full values (`truncateValues=false`).
 */
export const VARIABLE_SIZE_THRESHOLD = 8191;

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE deployments (key INTEGER PRIMARY KEY, tenant_id TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE resources (
    key INTEGER PRIMARY KEY, resource_name TEXT NOT NULL, checksum TEXT NOT NULL, content TEXT NOT NULL,
    tenant_id TEXT NOT NULL, deployment_key INTEGER NOT NULL);
  CREATE TABLE process_definitions (
    key INTEGER PRIMARY KEY, bpmn_process_id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT, version_tag TEXT,
    resource_name TEXT NOT NULL, resource_key INTEGER NOT NULL, checksum TEXT NOT NULL, tenant_id TEXT NOT NULL,
    deployment_key INTEGER NOT NULL, start_form_id TEXT,
    UNIQUE (tenant_id, bpmn_process_id, version));
  CREATE TABLE forms (
    key INTEGER PRIMARY KEY, form_id TEXT NOT NULL, version INTEGER NOT NULL, version_tag TEXT, resource_name TEXT NOT NULL,
    checksum TEXT NOT NULL, schema TEXT NOT NULL, tenant_id TEXT NOT NULL, deployment_key INTEGER NOT NULL,
    UNIQUE (tenant_id, form_id, version));
  CREATE TABLE process_instances (
    key INTEGER PRIMARY KEY, process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL, version INTEGER NOT NULL,
    state TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT, tenant_id TEXT NOT NULL,
    parent_process_instance_key INTEGER, parent_element_instance_key INTEGER);
  CREATE INDEX process_instances_state ON process_instances (state);
  CREATE TABLE element_instances (
    key INTEGER PRIMARY KEY, process_instance_key INTEGER NOT NULL, process_definition_key INTEGER NOT NULL,
    bpmn_process_id TEXT NOT NULL, element_id TEXT NOT NULL, element_name TEXT, element_type TEXT NOT NULL,
    flow_scope_key INTEGER, state TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT, tenant_id TEXT NOT NULL,
    incident_key INTEGER);
  CREATE INDEX element_instances_scope ON element_instances (flow_scope_key, state);
  CREATE INDEX element_instances_process_instance ON element_instances (process_instance_key);
  CREATE TABLE variables (
    key INTEGER PRIMARY KEY, scope_key INTEGER NOT NULL, process_instance_key INTEGER NOT NULL, name TEXT NOT NULL,
    value TEXT NOT NULL, tenant_id TEXT NOT NULL, UNIQUE (scope_key, name));
  CREATE INDEX variables_process_instance ON variables (process_instance_key);
  CREATE TABLE jobs (
    key INTEGER PRIMARY KEY, type TEXT NOT NULL, state TEXT NOT NULL, retries INTEGER NOT NULL, worker TEXT,
    deadline INTEGER, retry_at INTEGER, error_message TEXT, custom_headers TEXT NOT NULL,
    element_instance_key INTEGER NOT NULL, element_id TEXT NOT NULL, process_instance_key INTEGER NOT NULL,
    process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL, version INTEGER NOT NULL,
    tenant_id TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX jobs_activatable ON jobs (type, state, key);
  CREATE INDEX jobs_deadline ON jobs (state, deadline);
  CREATE INDEX jobs_element_instance ON jobs (element_instance_key);
  CREATE TABLE user_tasks (
    key INTEGER PRIMARY KEY, name TEXT, state TEXT NOT NULL, assignee TEXT, candidate_groups TEXT NOT NULL,
    candidate_users TEXT NOT NULL, due_date TEXT, follow_up_date TEXT, priority INTEGER NOT NULL, form_key INTEGER,
    external_form_reference TEXT, custom_headers TEXT NOT NULL, element_id TEXT NOT NULL,
    element_instance_key INTEGER NOT NULL, process_instance_key INTEGER NOT NULL, process_definition_key INTEGER NOT NULL,
    bpmn_process_id TEXT NOT NULL, version INTEGER NOT NULL, process_name TEXT, tenant_id TEXT NOT NULL,
    creation_date TEXT NOT NULL, completion_date TEXT);
  CREATE INDEX user_tasks_state ON user_tasks (state);
  CREATE INDEX user_tasks_element_instance ON user_tasks (element_instance_key);
  CREATE TABLE incidents (
    key INTEGER PRIMARY KEY, error_type TEXT NOT NULL, error_message TEXT NOT NULL, state TEXT NOT NULL,
    element_id TEXT NOT NULL, element_instance_key INTEGER NOT NULL, process_instance_key INTEGER NOT NULL,
    process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL, job_key INTEGER, tenant_id TEXT NOT NULL,
    creation_time TEXT NOT NULL);
  CREATE INDEX incidents_process_instance ON incidents (process_instance_key, state);
  CREATE TABLE join_tokens (
    flow_scope_key INTEGER NOT NULL, element_id TEXT NOT NULL, flow_id TEXT NOT NULL, count INTEGER NOT NULL,
    PRIMARY KEY (flow_scope_key, element_id, flow_id));
  -- one row per command and process instance: the events it caused, in order, as a JSON array
  CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, process_instance_key INTEGER, timestamp TEXT NOT NULL,
    records TEXT NOT NULL);
  CREATE INDEX events_process_instance ON events (process_instance_key);

  -- API-facing views: the REST API reports ACTIVE for every non-final element state
  CREATE VIEW element_instance_view AS
    SELECT e.*, CASE WHEN e.state IN ('COMPLETED', 'TERMINATED') THEN e.state ELSE 'ACTIVE' END AS api_state,
      CASE WHEN e.incident_key IS NULL THEN 0 ELSE 1 END AS has_incident
    FROM element_instances e;
  CREATE VIEW process_instance_view AS
    SELECT p.*, d.name AS process_definition_name, d.version_tag AS process_definition_version_tag,
      EXISTS (SELECT 1 FROM incidents i WHERE i.process_instance_key = p.key AND i.state = 'ACTIVE') AS has_incident
    FROM process_instances p JOIN process_definitions d ON d.key = p.process_definition_key;
  CREATE VIEW process_definition_view AS
    SELECT d.*, CASE WHEN d.start_form_id IS NULL THEN 0 ELSE 1 END AS has_start_form,
      d.version = (SELECT max(version) FROM process_definitions x
                   WHERE x.bpmn_process_id = d.bpmn_process_id AND x.tenant_id = d.tenant_id) AS is_latest_version
    FROM process_definitions d;
  `,
  `
  CREATE TABLE timers (
    key INTEGER PRIMARY KEY, element_id TEXT NOT NULL, element_instance_key INTEGER, process_instance_key INTEGER,
    process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL, due_date INTEGER NOT NULL,
    repetitions INTEGER NOT NULL, cycle TEXT, tenant_id TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX timers_due ON timers (due_date);
  CREATE INDEX timers_element_instance ON timers (element_instance_key);
  CREATE INDEX timers_definition ON timers (process_definition_key);
  CREATE TABLE message_subscriptions (
    key INTEGER PRIMARY KEY, element_id TEXT NOT NULL, element_instance_key INTEGER NOT NULL,
    process_instance_key INTEGER NOT NULL, process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL,
    message_name TEXT NOT NULL, correlation_key TEXT NOT NULL, tenant_id TEXT NOT NULL, created_at TEXT NOT NULL);
  CREATE INDEX message_subscriptions_message ON message_subscriptions (message_name, correlation_key, tenant_id);
  CREATE INDEX message_subscriptions_element_instance ON message_subscriptions (element_instance_key);
  CREATE TABLE message_start_subscriptions (
    key INTEGER PRIMARY KEY, element_id TEXT NOT NULL, process_definition_key INTEGER NOT NULL,
    bpmn_process_id TEXT NOT NULL, message_name TEXT NOT NULL, tenant_id TEXT NOT NULL);
  CREATE INDEX message_start_subscriptions_message ON message_start_subscriptions (message_name, tenant_id);
  CREATE TABLE messages (
    key INTEGER PRIMARY KEY, name TEXT NOT NULL, correlation_key TEXT NOT NULL, variables TEXT NOT NULL,
    expires_at INTEGER NOT NULL, message_id TEXT, tenant_id TEXT NOT NULL, published_at TEXT NOT NULL);
  CREATE INDEX messages_lookup ON messages (name, correlation_key, tenant_id, expires_at);
  CREATE TABLE message_correlations (
    key INTEGER PRIMARY KEY, message_key INTEGER NOT NULL, process_instance_key INTEGER NOT NULL,
    bpmn_process_id TEXT NOT NULL, correlation_key TEXT NOT NULL, started_instance INTEGER NOT NULL);
  CREATE INDEX message_correlations_message ON message_correlations (message_key, process_instance_key);
  CREATE INDEX message_correlations_started ON message_correlations (bpmn_process_id, correlation_key, started_instance);
  CREATE TABLE signal_subscriptions (
    key INTEGER PRIMARY KEY, element_id TEXT NOT NULL, element_instance_key INTEGER, process_instance_key INTEGER,
    process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL, signal_name TEXT NOT NULL, tenant_id TEXT NOT NULL);
  CREATE INDEX signal_subscriptions_name ON signal_subscriptions (signal_name, tenant_id);
  CREATE INDEX signal_subscriptions_element_instance ON signal_subscriptions (element_instance_key);
  CREATE INDEX process_instances_parent ON process_instances (parent_element_instance_key);
  `,
  `
  -- who completed a user task (four-eyes, case history); the candidates of every task as rows, kept by triggers,
  -- so candidateGroup / candidateUser filters and the clerks' task visibility use an index instead of JSON scans
  ALTER TABLE user_tasks ADD COLUMN completed_by TEXT;
  CREATE INDEX user_tasks_process_instance ON user_tasks (process_instance_key, element_id);
  CREATE INDEX user_tasks_assignee ON user_tasks (assignee);
  CREATE INDEX user_tasks_state_created ON user_tasks (state, creation_date);
  CREATE TABLE user_task_candidates (user_task_key INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL);
  CREATE INDEX user_task_candidates_value ON user_task_candidates (kind, value, user_task_key);
  CREATE INDEX user_task_candidates_task ON user_task_candidates (user_task_key);
  CREATE TRIGGER user_task_candidates_insert AFTER INSERT ON user_tasks BEGIN
    INSERT INTO user_task_candidates SELECT NEW.key, 'group', value FROM json_each(NEW.candidate_groups);
    INSERT INTO user_task_candidates SELECT NEW.key, 'user', value FROM json_each(NEW.candidate_users);
  END;
  CREATE TRIGGER user_task_candidates_update AFTER UPDATE OF candidate_groups, candidate_users ON user_tasks
  WHEN OLD.candidate_groups IS NOT NEW.candidate_groups OR OLD.candidate_users IS NOT NEW.candidate_users BEGIN
    DELETE FROM user_task_candidates WHERE user_task_key = NEW.key;
    INSERT INTO user_task_candidates SELECT NEW.key, 'group', value FROM json_each(NEW.candidate_groups);
    INSERT INTO user_task_candidates SELECT NEW.key, 'user', value FROM json_each(NEW.candidate_users);
  END;
  INSERT INTO user_task_candidates SELECT t.key, 'group', j.value FROM user_tasks t, json_each(t.candidate_groups) j;
  INSERT INTO user_task_candidates SELECT t.key, 'user', j.value FROM user_tasks t, json_each(t.candidate_users) j;

  -- identity (Camunda 8.8's users, groups, roles and authorizations) and the browser sessions
  CREATE TABLE identity_users (
    username TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
  CREATE TABLE identity_groups (group_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL);
  CREATE TABLE identity_roles (role_id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL);
  -- member_type USER for groups; USER or GROUP for roles
  CREATE TABLE identity_group_members (
    group_id TEXT NOT NULL, member_type TEXT NOT NULL, member_id TEXT NOT NULL, PRIMARY KEY (group_id, member_type, member_id));
  CREATE INDEX identity_group_members_member ON identity_group_members (member_type, member_id);
  CREATE TABLE identity_role_members (
    role_id TEXT NOT NULL, member_type TEXT NOT NULL, member_id TEXT NOT NULL, PRIMARY KEY (role_id, member_type, member_id));
  CREATE INDEX identity_role_members_member ON identity_role_members (member_type, member_id);
  CREATE TABLE identity_authorizations (
    key INTEGER PRIMARY KEY, owner_type TEXT NOT NULL, owner_id TEXT NOT NULL, resource_type TEXT NOT NULL,
    resource_id TEXT, resource_property_name TEXT, permission_types TEXT NOT NULL);
  CREATE INDEX identity_authorizations_owner ON identity_authorizations (owner_type, owner_id);
  -- a session is found by the SHA-256 of its id: the table alone does not let anyone in
  CREATE TABLE identity_sessions (
    id_hash TEXT PRIMARY KEY, username TEXT NOT NULL, csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL);
  CREATE INDEX identity_sessions_user ON identity_sessions (username);
  `,
  `
  -- the task list's default order: open tasks by due date (then creation), read in index order page by page
  CREATE INDEX user_tasks_state_due ON user_tasks (state, due_date, creation_date);
  `,
  `
  CREATE TABLE decision_requirements (
    key INTEGER PRIMARY KEY, decision_requirements_id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL,
    resource_name TEXT NOT NULL, checksum TEXT NOT NULL, content TEXT NOT NULL, tenant_id TEXT NOT NULL,
    deployment_key INTEGER NOT NULL, UNIQUE (tenant_id, decision_requirements_id, version));
  CREATE TABLE decision_definitions (
    key INTEGER PRIMARY KEY, decision_id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, version_tag TEXT,
    decision_type TEXT NOT NULL, decision_requirements_key INTEGER NOT NULL, decision_requirements_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL, deployment_key INTEGER NOT NULL, UNIQUE (tenant_id, decision_id, version));
  CREATE INDEX decision_definitions_requirements ON decision_definitions (decision_requirements_key);
  -- the evaluation history: one row per evaluated decision (Camunda's decision instance)
  CREATE TABLE decision_instances (
    key INTEGER PRIMARY KEY, instance_key TEXT NOT NULL UNIQUE, evaluation_key INTEGER NOT NULL, state TEXT NOT NULL,
    evaluation_date TEXT NOT NULL, evaluation_failure TEXT, decision_definition_key INTEGER NOT NULL,
    decision_id TEXT NOT NULL, decision_name TEXT NOT NULL, decision_version INTEGER NOT NULL, decision_type TEXT NOT NULL,
    result TEXT, evaluated_inputs TEXT NOT NULL, matched_rules TEXT NOT NULL, tenant_id TEXT NOT NULL,
    process_definition_key INTEGER, process_instance_key INTEGER, element_instance_key INTEGER);
  CREATE INDEX decision_instances_evaluation ON decision_instances (evaluation_key);
  CREATE INDEX decision_instances_process_instance ON decision_instances (process_instance_key);
  -- finished instances stay visible after their process definition was deleted
  DROP VIEW process_instance_view;
  CREATE VIEW process_instance_view AS
    SELECT p.*, d.name AS process_definition_name, d.version_tag AS process_definition_version_tag,
      EXISTS (SELECT 1 FROM incidents i WHERE i.process_instance_key = p.key AND i.state = 'ACTIVE') AS has_incident
    FROM process_instances p LEFT JOIN process_definitions d ON d.key = p.process_definition_key;
  CREATE TABLE batch_operations (
    key INTEGER PRIMARY KEY, batch_operation_type TEXT NOT NULL, state TEXT NOT NULL, filter TEXT NOT NULL, payload TEXT,
    start_date TEXT NOT NULL, end_date TEXT);
  CREATE INDEX batch_operations_state ON batch_operations (state);
  CREATE TABLE batch_operation_items (
    key INTEGER PRIMARY KEY, batch_operation_key INTEGER NOT NULL, item_key INTEGER NOT NULL, process_instance_key INTEGER NOT NULL,
    state TEXT NOT NULL, processed_date TEXT, error_message TEXT);
  CREATE INDEX batch_operation_items_operation ON batch_operation_items (batch_operation_key, state);
  CREATE VIEW batch_operation_view AS
    SELECT b.*,
      (SELECT count(*) FROM batch_operation_items i WHERE i.batch_operation_key = b.key) AS operations_total_count,
      (SELECT count(*) FROM batch_operation_items i WHERE i.batch_operation_key = b.key AND i.state = 'FAILED') AS operations_failed_count,
      (SELECT count(*) FROM batch_operation_items i WHERE i.batch_operation_key = b.key AND i.state IN ('COMPLETED', 'SKIPPED')) AS operations_completed_count
    FROM batch_operations b;
  -- the decisions of each deployment, unchanged (duplicate) ones included: binding type 'deployment'
  CREATE TABLE deployment_decisions (
    deployment_key INTEGER NOT NULL, decision_key INTEGER NOT NULL, PRIMARY KEY (deployment_key, decision_key));
  -- the last version given per id: versions stay unique after a deleted definition (as in Zeebe)
  CREATE TABLE version_counters (
    kind TEXT NOT NULL, tenant_id TEXT NOT NULL, id TEXT NOT NULL, last_version INTEGER NOT NULL,
    PRIMARY KEY (kind, tenant_id, id));
  INSERT INTO version_counters SELECT 'PROCESS', tenant_id, bpmn_process_id, max(version) FROM process_definitions GROUP BY tenant_id, bpmn_process_id;
  INSERT INTO version_counters SELECT 'FORM', tenant_id, form_id, max(version) FROM forms GROUP BY tenant_id, form_id;
  CREATE VIEW batch_operation_item_view AS
    SELECT i.*, b.batch_operation_type FROM batch_operation_items i JOIN batch_operations b ON b.key = i.batch_operation_key;
  `,
  `
  -- who gave each command (the acting user; NULL for the engine's own work: timers, the scheduler)
  ALTER TABLE events ADD COLUMN actor TEXT;
  -- the operations users performed on cases, in Camunda 8.9's audit-log shape (POST /v2/audit-logs/search)
  CREATE TABLE audit_log (
    key INTEGER PRIMARY KEY, timestamp TEXT NOT NULL, actor_id TEXT, actor_type TEXT, operation_type TEXT NOT NULL,
    entity_type TEXT NOT NULL, entity_key TEXT, entity_description TEXT, category TEXT NOT NULL, result TEXT NOT NULL,
    process_instance_key INTEGER, process_definition_key INTEGER, bpmn_process_id TEXT, element_instance_key INTEGER,
    user_task_key INTEGER, job_key INTEGER, batch_operation_key INTEGER, batch_operation_type TEXT, variable_value TEXT,
    tenant_id TEXT NOT NULL);
  CREATE INDEX audit_log_process_instance ON audit_log (process_instance_key, key);
  CREATE INDEX audit_log_batch_operation ON audit_log (batch_operation_key);
  -- searches by date that read models run every few seconds ("started / ended / created / completed since")
  CREATE INDEX process_instances_start_date ON process_instances (start_date);
  CREATE INDEX process_instances_end_date ON process_instances (end_date);
  CREATE INDEX user_tasks_creation_date ON user_tasks (creation_date);
  CREATE INDEX user_tasks_completion_date ON user_tasks (completion_date);
  `,  `
  -- the audit trail is append-only in the file itself: no code path changes or deletes these rows (resource
  -- deletion, backups and restores leave them as they are), and a raw UPDATE or DELETE fails too
  CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only: its rows cannot be changed'); END;
  CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only: its rows cannot be deleted'); END;
  CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be changed'); END;
  CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: its rows cannot be deleted'); END;
  `,  `
  -- failed logins of the last minutes, per username and per client address (login throttling): kept in the file
  -- so that a restart does not hand a password guesser a fresh allowance; id is the SHA-256 of the name or address
  CREATE TABLE identity_login_failures (kind TEXT NOT NULL, id TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX identity_login_failures_id ON identity_login_failures (kind, id, at);
  CREATE INDEX identity_login_failures_at ON identity_login_failures (at);
  `,
  `
  -- the process-instance filters on element instances ("cases waiting at element X": elementId with
  -- elementInstanceState), read from the index alone; the state expression is the REST API's (element_instance_view)
  CREATE INDEX element_instances_element_state ON element_instances (
    element_id, (CASE WHEN state IN ('COMPLETED', 'TERMINATED') THEN state ELSE 'ACTIVE' END), process_instance_key);
  -- hasElementInstanceIncident: the few element instances with an incident, not all of them
  CREATE INDEX element_instances_incident ON element_instances (process_instance_key) WHERE incident_key IS NOT NULL;
  -- errorMessage and incidentErrorHashCode: the active incidents' messages, without reading the resolved ones
  CREATE INDEX incidents_state_message ON incidents (state, error_message, process_instance_key);
  `,
  `
  -- Camunda 8.8's process-instance tags: the list as given (JSON), and one row per tag for the \`tags\` filter,
  -- kept by triggers (tags never change after creation, but a replayed row is written whole)
  ALTER TABLE process_instances ADD COLUMN tags TEXT;
  CREATE TABLE process_instance_tags (
    tag TEXT NOT NULL, process_instance_key INTEGER NOT NULL, PRIMARY KEY (tag, process_instance_key)) WITHOUT ROWID;
  CREATE TRIGGER process_instance_tags_insert AFTER INSERT ON process_instances WHEN NEW.tags IS NOT NULL
  BEGIN INSERT OR IGNORE INTO process_instance_tags SELECT value, NEW.key FROM json_each(NEW.tags); END;
  CREATE TRIGGER process_instance_tags_update AFTER UPDATE OF tags ON process_instances
  BEGIN
    DELETE FROM process_instance_tags WHERE process_instance_key = OLD.key;
    INSERT OR IGNORE INTO process_instance_tags SELECT value, NEW.key FROM json_each(coalesce(NEW.tags, '[]'));
  END;
  CREATE TRIGGER process_instance_tags_delete AFTER DELETE ON process_instances
  BEGIN DELETE FROM process_instance_tags WHERE process_instance_key = OLD.key; END;
  `,
  `
  -- the event log without AUTOINCREMENT: it made every appended row read and write sqlite_sequence (about 4 % of
  -- the engine's CPU per instance). Positions stay what they were and never repeat: rows are never deleted (the
  -- triggers), so a new row's position is always past the last one. The rows are copied once; dropping the old
  -- table fires no trigger.
  CREATE TABLE events_log (
    position INTEGER PRIMARY KEY, process_instance_key INTEGER, timestamp TEXT NOT NULL, records TEXT NOT NULL, actor TEXT);
  INSERT INTO events_log (position, process_instance_key, timestamp, records, actor)
    SELECT position, process_instance_key, timestamp, records, actor FROM events ORDER BY position;
  DROP TABLE events;
  ALTER TABLE events_log RENAME TO events;
  CREATE INDEX events_process_instance ON events (process_instance_key);
  CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only: its rows cannot be changed'); END;
  CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the event log is append-only: its rows cannot be deleted'); END;
  `,
  `
  -- Camunda 8.8's job search fields: the error code of a thrown BPMN error and when the job ended (jobs that ended
  -- before this step have neither); the view adds the lock deadline as an ISO date-time (stored as epoch ms), the
  -- kind and listener event type of a BPMN element's job (this engine runs no execution or task listeners, so no job
  -- is ever denied by one) and whether the job failed with retries left
  ALTER TABLE jobs ADD COLUMN error_code TEXT;
  ALTER TABLE jobs ADD COLUMN end_time TEXT;
  CREATE VIEW job_view AS
    SELECT j.*,
      strftime('%Y-%m-%dT%H:%M:%S', j.deadline / 1000, 'unixepoch') || printf('.%03dZ', j.deadline % 1000) AS deadline_time,
      'BPMN_ELEMENT' AS kind, 'UNSPECIFIED' AS listener_event_type, NULL AS is_denied, NULL AS denied_reason,
      (j.state = 'FAILED' AND j.retries > 0) AS has_failed_with_retries_left
    FROM jobs j;
  -- a variable search answers values longer than Camunda's default size threshold (8191 characters) truncated,
  -- flagged isTruncated, unless asked for full values
  CREATE VIEW variable_view AS SELECT v.*, length(v.value) > ${VARIABLE_SIZE_THRESHOLD} AS is_truncated FROM variables v;
  `,
  `
  -- a job search sorted by state orders by the state the REST API answers (Camunda 8.8 has no ACTIVATED job state:
  -- an activated job is CREATED there, engine/api/job-states.ts), so activated jobs sort with the other CREATED ones;
  -- the filter keeps reading the stored state, which the jobs' indexes hold
  DROP VIEW job_view;
  CREATE VIEW job_view AS
    SELECT j.*,
      strftime('%Y-%m-%dT%H:%M:%S', j.deadline / 1000, 'unixepoch') || printf('.%03dZ', j.deadline % 1000) AS deadline_time,
      'BPMN_ELEMENT' AS kind, 'UNSPECIFIED' AS listener_event_type, NULL AS is_denied, NULL AS denied_reason,
      (j.state = 'FAILED' AND j.retries > 0) AS has_failed_with_retries_left,
      CASE j.state WHEN 'ACTIVATED' THEN 'CREATED' ELSE j.state END AS answered_state
    FROM jobs j;
  `,
  `
  -- the job search answers each job as Camunda 8.8's search does: in the state, with the worker and lock deadline,
  -- of its last exported event (engine/state/appliers/job-appliers.ts), which the job's events now keep in the
  -- jobs table. Jobs from before this step start from their stored state: an activated one is CREATED without its
  -- worker and deadline (its activation was never exported); one activated again after a failure or a lock
  -- timeout is CREATED too, which a cluster would show as FAILED or TIMED_OUT (the older events are not read again)
  ALTER TABLE jobs ADD COLUMN answered_state TEXT;
  ALTER TABLE jobs ADD COLUMN answered_worker TEXT;
  ALTER TABLE jobs ADD COLUMN answered_deadline INTEGER;
  UPDATE jobs SET
    answered_state = CASE state WHEN 'ACTIVATED' THEN 'CREATED' ELSE state END,
    answered_worker = CASE WHEN state IN ('CREATED', 'ACTIVATED') THEN NULL ELSE worker END,
    answered_deadline = CASE WHEN state IN ('CREATED', 'ACTIVATED') THEN NULL ELSE deadline END;
  CREATE INDEX jobs_answered_state ON jobs (answered_state);
  DROP VIEW job_view;
  CREATE VIEW job_view AS
    SELECT j.*,
      strftime('%Y-%m-%dT%H:%M:%S', j.answered_deadline / 1000, 'unixepoch') || printf('.%03dZ', j.answered_deadline % 1000)
        AS answered_deadline_time,
      'BPMN_ELEMENT' AS kind, 'UNSPECIFIED' AS listener_event_type, NULL AS is_denied, NULL AS denied_reason,
      (j.answered_state = 'FAILED' AND j.retries > 0) AS has_failed_with_retries_left
    FROM jobs j;
  `,
  `
  -- Camunda 8.8's message subscription search lists subscriptions after they closed, in the state of their last
  -- event; the subscriptions open when this step runs are its first rows (closed ones were not kept before)
  CREATE TABLE message_subscription_history (
    key INTEGER PRIMARY KEY, element_id TEXT NOT NULL, element_instance_key INTEGER NOT NULL,
    process_instance_key INTEGER NOT NULL, process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL,
    message_name TEXT NOT NULL, correlation_key TEXT NOT NULL, tenant_id TEXT NOT NULL, created_at TEXT NOT NULL,
    state TEXT NOT NULL, last_updated_date TEXT NOT NULL);
  CREATE INDEX message_subscription_history_process_instance ON message_subscription_history (process_instance_key);
  INSERT INTO message_subscription_history
    SELECT key, element_id, element_instance_key, process_instance_key, process_definition_key, bpmn_process_id,
      message_name, correlation_key, tenant_id, created_at, 'CREATED', created_at
    FROM message_subscriptions;
  -- Camunda 8.8's correlated message subscriptions: one row per correlation of a message to a subscription (message
  -- start events included, without an element instance); correlations before this step are not known in this shape.
  -- One partition: partition_id is always 1, as the topology says
  CREATE TABLE correlated_message_subscriptions (
    key INTEGER PRIMARY KEY, message_key INTEGER NOT NULL, subscription_key INTEGER NOT NULL, message_name TEXT NOT NULL,
    correlation_key TEXT NOT NULL, element_id TEXT NOT NULL, element_instance_key INTEGER,
    process_instance_key INTEGER NOT NULL, process_definition_key INTEGER NOT NULL, bpmn_process_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL, correlation_time TEXT NOT NULL, partition_id INTEGER NOT NULL DEFAULT 1);
  CREATE INDEX correlated_message_subscriptions_process_instance ON correlated_message_subscriptions (process_instance_key);
  CREATE INDEX correlated_message_subscriptions_message ON correlated_message_subscriptions (message_key);
  `,
  `
  -- a job's error message and code are '' until it fails or throws (Zeebe's job record defaults, which Camunda 8.8's
  -- search answers and filters), so a filter on '' finds the jobs without one as a cluster's does
  DROP VIEW job_view;
  CREATE VIEW job_view AS
    SELECT j.*,
      strftime('%Y-%m-%dT%H:%M:%S', j.answered_deadline / 1000, 'unixepoch') || printf('.%03dZ', j.answered_deadline % 1000)
        AS answered_deadline_time,
      'BPMN_ELEMENT' AS kind, 'UNSPECIFIED' AS listener_event_type, NULL AS is_denied, NULL AS denied_reason,
      (j.answered_state = 'FAILED' AND j.retries > 0) AS has_failed_with_retries_left,
      coalesce(j.error_message, '') AS answered_error_message, coalesce(j.error_code, '') AS answered_error_code
    FROM jobs j;
  `,
  `
  -- the message correlation index (engine/store/message-correlation-index.ts) loads, at every open and every
  -- rebuilding rollback, the correlation keys of the active cases a message start event started: read from the
  -- active cases through this index, instead of every correlation ever made (the completed cases' ones too). The
  -- index by process id and key served a point query that the index answers from memory now; nothing reads it
  DROP INDEX message_correlations_started;
  CREATE INDEX message_correlations_started_instance ON message_correlations (process_instance_key, bpmn_process_id, correlation_key)
    WHERE started_instance = 1 AND correlation_key != '';
  `,
  `
  -- hasFailedWithRetriesLeft as Camunda 8.8's exporters compute it: retries > 0 on a FAILED or an ERROR_THROWN job
  -- event (a BPMN error thrown by a job with retries left answers true, as on a cluster)
  DROP VIEW job_view;
  CREATE VIEW job_view AS
    SELECT j.*,
      strftime('%Y-%m-%dT%H:%M:%S', j.answered_deadline / 1000, 'unixepoch') || printf('.%03dZ', j.answered_deadline % 1000)
        AS answered_deadline_time,
      'BPMN_ELEMENT' AS kind, 'UNSPECIFIED' AS listener_event_type, NULL AS is_denied, NULL AS denied_reason,
      (j.answered_state IN ('FAILED', 'ERROR_THROWN') AND j.retries > 0) AS has_failed_with_retries_left,
      coalesce(j.error_message, '') AS answered_error_message, coalesce(j.error_code, '') AS answered_error_code
    FROM jobs j;
  `,
  `
  -- 我的待办 (open tasks of one assignee) and its count: without this index SQLite chose user_tasks_state_created
  -- (state = ?) over user_tasks_assignee and walked every open task; with 100,000 open tasks the clerk's count cost
  -- ~140 ms of the engine's thread on every task list load, now ~3 ms
  CREATE INDEX IF NOT EXISTS user_tasks_state_assignee ON user_tasks (state, assignee);
  `,
  `
  -- 我的待办's page too (the default view sorts by due date, then creation): with (state, assignee) alone SQLite
  -- walked the open tasks in due order through user_tasks_state_due until it had a page of the clerk's, ~150 ms with
  -- 100,000 open tasks for a clerk holding few; this one index serves both the page and the count
  DROP INDEX IF EXISTS user_tasks_state_assignee;
  CREATE INDEX IF NOT EXISTS user_tasks_state_assignee_due ON user_tasks (state, assignee, due_date, creation_date);
  `,
  `
  -- 待认领 of a small group starts from the group's candidate rows when they are few (engine/store/search-query.ts);
  -- completed and cancelled tasks keep theirs, so after ~1,000 tasks of history a small group lost that start and
  -- walked every open task again (~90 ms per page). Each candidate row now carries its task's state, kept by the
  -- triggers, and the new index counts and reads only the open tasks' rows. (kind, value, user_task_key) stays: the
  -- clerk's scope checks a task's candidates by task key, kind and value (engine-queries.ts taskMatch), which the new
  -- index cannot seek on all three. The table is rebuilt from the tasks (as when it was made), so the step can run
  -- again on a file that has it
  DROP TRIGGER IF EXISTS user_task_candidates_insert;
  DROP TRIGGER IF EXISTS user_task_candidates_update;
  DROP TRIGGER IF EXISTS user_task_candidates_state;
  DROP TABLE user_task_candidates;
  CREATE TABLE user_task_candidates (user_task_key INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, state TEXT NOT NULL);
  INSERT INTO user_task_candidates SELECT t.key, 'group', j.value, t.state FROM user_tasks t, json_each(t.candidate_groups) j;
  INSERT INTO user_task_candidates SELECT t.key, 'user', j.value, t.state FROM user_tasks t, json_each(t.candidate_users) j;
  CREATE INDEX user_task_candidates_value ON user_task_candidates (kind, value, user_task_key);
  CREATE INDEX user_task_candidates_value_state ON user_task_candidates (kind, value, state, user_task_key);
  CREATE INDEX user_task_candidates_task ON user_task_candidates (user_task_key);
  CREATE TRIGGER user_task_candidates_insert AFTER INSERT ON user_tasks BEGIN
    INSERT INTO user_task_candidates SELECT NEW.key, 'group', value, NEW.state FROM json_each(NEW.candidate_groups);
    INSERT INTO user_task_candidates SELECT NEW.key, 'user', value, NEW.state FROM json_each(NEW.candidate_users);
  END;
  CREATE TRIGGER user_task_candidates_update AFTER UPDATE OF candidate_groups, candidate_users ON user_tasks
  WHEN OLD.candidate_groups IS NOT NEW.candidate_groups OR OLD.candidate_users IS NOT NEW.candidate_users BEGIN
    DELETE FROM user_task_candidates WHERE user_task_key = NEW.key;
    INSERT INTO user_task_candidates SELECT NEW.key, 'group', value, NEW.state FROM json_each(NEW.candidate_groups);
    INSERT INTO user_task_candidates SELECT NEW.key, 'user', value, NEW.state FROM json_each(NEW.candidate_users);
  END;
  CREATE TRIGGER user_task_candidates_state AFTER UPDATE OF state ON user_tasks WHEN OLD.state IS NOT NEW.state BEGIN
    UPDATE user_task_candidates SET state = NEW.state WHERE user_task_key = NEW.key;
  END;
  `,
  `
  -- the monitor's stream of completed end events (element instances by type, endDate from a watermark, sorted by
  -- endDate then key): without it every pass walked every element instance; the key is the rowid, in the index too
  CREATE INDEX IF NOT EXISTS element_instances_type_end ON element_instances (element_type, end_date);
  `,
  `
  -- who started each case by POST /v2/process-instances (the user of the creation command; NULL for the engine's
  -- own starts and for cases from before this step): a clerk reads the cases she started as well as those of her
  -- tasks (engine/store/row-scope.ts), so the 新办件 page finds a case she started whose first step is another
  -- group's. Read per case through the primary key (engine-queries.ts scopeCondition): no index
  ALTER TABLE process_instances ADD COLUMN started_by TEXT;
  `,
];
