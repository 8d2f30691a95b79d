-- Gates read what the evidence concludes (Art 9-11, 21, 26-30, 34).  Every document that
-- records a decision or a test result states it (approved or rejected), and a gate requires
-- the LATEST document of its kind - by issued_on, then by registration order - to approve:
-- a rejection followed by an approving re-test passes, a rejection alone blocks, in
-- lgit.blockers(), lgit.advance(), a plain UPDATE and lgit.check_project().
SET datestyle = ISO;
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-S-055'')'

-- A 8,000,000 application of 区卫生健康局 with every document on file, all approving.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, fund_general_budget)
SELECT 'LG-S-055', '互联网医院监管系统', unit_id, 'application', 'new', 8000000 FROM lgit.unit WHERE code = 'LGWJJ';
SELECT lgit_test.file_complete_evidence(:p);

-- The conclusion is required of the kinds that record an outcome.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'unit_leadership_minutes', '区卫健局党组会议纪要〔2026〕30号', '党组会议纪要', '区卫生健康局党组', '2026-02-01', sha256('s55 m30'::bytea));
SELECT kind, article FROM lgit.document_kind WHERE records_outcome ORDER BY kind;

-- Art 10: 提供项目申请单位班子研究情况等相关会议纪要 - the leadership did not approve the
-- proposal at its latest meeting: the proposal waits.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'unit_leadership_minutes', '区卫健局党组会议纪要〔2026〕30号', '党组会议纪要（暂缓申报）', '区卫生健康局党组', '2026-02-01',
        sha256('s55 m30'::bytea), 'rejected');
SELECT code, message FROM lgit.blockers(:p, 'proposed');
SELECT to_stage FROM lgit.advance(:p, 'proposed');
-- After the revision the leadership approves it at its next meeting.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'unit_leadership_minutes', '区卫健局党组会议纪要〔2026〕33号', '党组会议纪要（同意申报）', '区卫生健康局党组', '2026-02-20',
        sha256('s55 m33'::bytea), 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'proposed');

-- The worst case (Art 28, 30): 未通过竣工验收的信息系统不得投入正式运行.
SELECT lgit_test.walk_to(:p, 'final_accepted');
-- The authority's security test fails: the system does not pass to security_tested.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion)
VALUES (:p, 'security_test_report', '安测-2026-155', '上线安全测试报告（存在高危漏洞）', '区政务服务数据管理局', '2026-03-02',
        sha256('s55 st1'::bytea), '{host,application,database,baseline}', 'rejected');
SELECT code, message FROM lgit.blockers(:p, 'security_tested');
SELECT to_stage FROM lgit.advance(:p, 'security_tested');
UPDATE lgit.project SET stage = 'security_tested' WHERE project_id = :p;
-- Fixed and tested again: the latest report passes.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion)
VALUES (:p, 'security_test_report', '安测-2026-158', '上线安全测试报告（复测）', '区政务服务数据管理局', '2026-03-09',
        sha256('s55 st2'::bytea), '{host,application,database,baseline}', 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'security_tested');
SELECT lgit_test.walk_to(:p, 'handover_verified');
-- The expert completion meeting rejects the system: it is not completed, by advance or UPDATE,
-- and it is not on the list the authority sends to finance.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'expert_completion_minutes', '竣工专家会〔2026〕55号', '专家竣工验收会纪要（不予通过）', '区卫生健康局', '2026-03-16',
        sha256('s55 c1'::bytea), 'rejected');
SELECT code, message FROM lgit.blockers(:p, 'completed');
SELECT to_stage FROM lgit.advance(:p, 'completed');
UPDATE lgit.project SET stage = 'completed' WHERE project_id = :p;
SELECT count(*) AS on_the_list FROM lgit.om_eligible WHERE project_code = 'LG-S-055';
-- Rectified, the second meeting approves it: completed, and on the list.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'expert_completion_minutes', '竣工专家会〔2026〕58号', '专家竣工验收会纪要（整改后通过）', '区卫生健康局', '2026-03-23',
        sha256('s55 c2'::bytea), 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'completed');
SELECT project_code FROM lgit.om_eligible WHERE project_code = 'LG-S-055';
SELECT count(*) AS violations FROM lgit.check_project(:p);

-- What 0.1.0 let through: a database updated from 0.1.0 keeps its documents as they were, and
-- one of an outcome kind without a conclusion counts as "not stated".  Here the superuser
-- plays the old release (triggers off, as pg_restore does) and clears the conclusion of the
-- meeting the completion relied on: check_project() replays the move with today's rules and
-- reports it.  O&M money follows the filed completion report (Art 32) unless the record says
-- the system failed: not stated, it stays on the list for the authority to review ...
RESET lgit.actor;
SET session_replication_role = replica;
UPDATE lgit.document SET conclusion = NULL WHERE doc_number = '竣工专家会〔2026〕58号';
RESET session_replication_role;
SELECT code, message FROM lgit.check_project(:p);
SELECT project_code, code FROM lgit.violations WHERE project_code = 'LG-S-055';
SELECT count(*) AS on_the_list FROM lgit.om_eligible WHERE project_code = 'LG-S-055';
-- ... but a system whose latest meeting rejected it - completed under 0.1.0, which read no
-- conclusions - gets no O&M money (Art 30: 不得投入正式运行).
SET session_replication_role = replica;
UPDATE lgit.document SET conclusion = 'rejected' WHERE doc_number = '竣工专家会〔2026〕58号';
RESET session_replication_role;
SELECT code, message, facts->>'rejected_by' AS rejected_by FROM lgit.om_blockers(:p);
SELECT count(*) AS on_the_list FROM lgit.om_eligible WHERE project_code = 'LG-S-055';
