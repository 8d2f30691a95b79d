-- Returns (退回修改) go back to where the submission came from, always with a reason (LG003);
-- the authority suspends a project and resumes it only where it was (Art 49, 50); the
-- district leader terminates (Art 34); completed and terminated are final.
\set edu '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-002'')'

-- Art 10: the authority returns a proposal to draft, but only with a reason.
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:edu, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:edu, 'draft');
SELECT to_stage FROM lgit.advance(:edu, 'draft', '   ');
SELECT to_stage, reason FROM lgit.advance(:edu, 'draft', '未提供班子研究会议纪要');
-- The DRC returns an approved proposal to draft; the authority cannot.
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:edu, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:edu, 'proposal_approved');
SELECT to_stage FROM lgit.advance(:edu, 'draft', '资金来源不明');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage, reason FROM lgit.advance(:edu, 'draft', '资金来源不明');

-- Walk it again to the preliminary design.
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:edu, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:edu, 'proposal_approved');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:edu, 'established');
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:edu, 'design_submitted');

-- Art 12: a design goes back to the stage it was submitted from (here established, since
-- 12,000,000 needs no feasibility study), not elsewhere.
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:edu, 'feasibility_approved', '概算偏高');
SELECT to_stage, reason FROM lgit.advance(:edu, 'established', '概算偏高');
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:edu, 'design_submitted');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:edu, 'design_prereviewed');
SELECT to_stage FROM lgit.advance(:edu, 'design_reviewed');
-- Art 13: after the expert review it is the DRC that returns the design.
SELECT to_stage FROM lgit.advance(:edu, 'established', '专家意见：需补充安全章节');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage, reason FROM lgit.advance(:edu, 'established', '专家意见：需补充安全章节');

-- Through design approval into construction.
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:edu, 'design_submitted');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:edu, 'design_prereviewed');
SELECT to_stage FROM lgit.advance(:edu, 'design_reviewed');
SET lgit.actor = 'fgj_zhao';
SELECT to_stage FROM lgit.advance(:edu, 'design_approved');
SET lgit.actor = 'jyj_liu';
SELECT to_stage FROM lgit.advance(:edu, 'procurement');
SELECT to_stage FROM lgit.advance(:edu, 'contracted');
SELECT to_stage FROM lgit.advance(:edu, 'construction');

-- Art 49, 50: the authority suspends construction (not the unit), with a reason ...
SELECT to_stage FROM lgit.advance(:edu, 'suspended', '自行暂停');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:edu, 'suspended');
SELECT to_stage, reason FROM lgit.advance(:edu, 'suspended', '未按要求共享数据资源，暂缓拨付建设资金');
-- ... and resumes it only to the stage it came from.
SELECT to_stage FROM lgit.advance(:edu, 'self_tested');
SELECT code, message, hint FROM lgit.blockers(:edu, 'contracted');
SELECT to_stage, reason FROM lgit.advance(:edu, 'construction', '已完成整改');

-- A draft cannot be suspended: suspension applies from established to final_accepted.
SELECT to_stage FROM lgit.advance((SELECT project_id FROM lgit.project WHERE code = 'LG-2027-004'), 'suspended', '测试');

-- Art 34: a project that entered the procedure (proposed, then returned to draft) is terminated
-- only by the district leader, with a reason; terminated is final.
\set health '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-003'')'
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :health, 'proposal', '深龙卫健〔2026〕60号', '区域全民健康信息平台扩容项目建议书', '区卫生健康局', '2026-09-10',
       sha256('health proposal 60'::bytea), array_agg(part ORDER BY ordinal) FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion) VALUES
  (:health, 'unit_leadership_minutes', '区卫健局党组会议纪要〔2026〕21号', '党组会议纪要', '区卫生健康局党组', '2026-09-02', sha256('health m21'::bytea), 'approved'),
  (:health, 'leader_special_meeting_minutes', '区领导专题会议纪要〔2026〕22号', '分管区领导专题会议纪要', '龙岗区人民政府办公室', '2026-09-05', sha256('health m22'::bytea), 'approved');
SELECT to_stage FROM lgit.advance(:health, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:health, 'draft', '与市级平台重复，请补充说明');
SET lgit.actor = 'wjj_huang';
SELECT to_stage FROM lgit.advance(:health, 'terminated', '并入市级平台建设');
SET lgit.actor = 'qzf_lin';
SELECT to_stage FROM lgit.advance(:health, 'terminated');
-- Art 34: the industry authority's review and the district leader's approval come first.
SELECT to_stage FROM lgit.advance(:health, 'terminated', '并入市级平台建设');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:health, 'industry_review', '深龙卫健函〔2026〕77号', '关于终止区域全民健康信息平台扩容项目的审核意见',
        '区卫生健康局（行业主管部门）', '2026-11-02', sha256('industry review 77'::bytea), 'approved');
SET lgit.actor = 'qzf_lin';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:health, 'termination_approval', '区领导批示〔2026〕15号', '同意终止', '分管区领导', '2026-11-05',
        sha256('approval 15'::bytea));
SELECT to_stage, actor, capacity, reason, cardinality(evidence) AS documents_relied_on
FROM lgit.advance(:health, 'terminated', '并入市级平台建设');
-- ... and the audit settlement follows (按相关规定进行审计结算); until it is registered,
-- lgit.check_project() reports it.
SELECT code, message FROM lgit.check_project(:health);
SET lgit.actor = 'sjj_zhou';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:health, 'audit_settlement', '深龙审结〔2026〕19号', '终止项目审计结算意见', '区审计局', '2026-11-20',
        sha256('settlement 19'::bytea));
SELECT count(*) AS violations FROM lgit.check_project(:health);
SET lgit.actor = 'wjj_huang';
SELECT to_stage FROM lgit.advance(:health, 'draft');
RESET lgit.actor;

SELECT h.seq, h.from_stage, h.to_stage, h.actor, h.reason
FROM lgit.history h WHERE h.project_id = :edu ORDER BY h.seq;
