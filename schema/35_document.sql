-- Evidence: the registered documents gates rely on (doc/lgit.md §6).  A document has a kind, a number
-- (文号) that no other document carries, an issuer and whether the issuer holds the
-- qualification its article requires, its dates, a content hash and the parts it contains.
-- A document relied on by a stage change is part of the record: it can no longer be altered
-- or removed (LG002).

CREATE TABLE lgit.document_kind (
  kind          text PRIMARY KEY,
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  article       text NOT NULL,
  registered_by lgit.capacity[] NOT NULL,
  qualification text,
  by_other_department boolean NOT NULL DEFAULT false,
  records_outcome boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE lgit.document_kind IS
  'Kinds of evidence, who registers each (a unit only for its own projects) and, where the article requires one, the qualification its issuer must hold.';
COMMENT ON COLUMN lgit.document_kind.by_other_department IS 'Art 34: registered (in the unit capacity) by a department other than the project''s unit, e.g. the industry authority (区卫生健康局) reviewing a termination; never by the project''s own unit.';
COMMENT ON COLUMN lgit.document_kind.records_outcome IS 'The kind records a decision or a test result (审议通过, 审核, 评审结论, 检测/测试/验收通过): every document of it states its conclusion, approved or rejected, and a gate that reads it requires the latest one (by issued_on, then registration order) to be approving.';
COMMENT ON COLUMN lgit.document_kind.qualification IS 'Qualification the issuer must hold (e.g. Art 11, 12: 具有相应资质的咨询机构); NULL when none is required.';

CREATE TABLE lgit.document_part (
  kind      text    NOT NULL REFERENCES lgit.document_kind,
  part      text    NOT NULL,
  ordinal   int     GENERATED ALWAYS AS IDENTITY,
  label_zh  text    NOT NULL,
  label_en  text    NOT NULL,
  required  boolean NOT NULL,
  PRIMARY KEY (kind, part)
);
COMMENT ON TABLE lgit.document_part IS
  'The parts (sections, chapters) a document of a kind can contain; required ones must all be present for the gate that relies on it (LG100, LG111, LG120). ordinal follows the article''s wording.';
-- Each backend keeps a copy of the required parts (every judged document is held against them);
-- a change reloads it everywhere.
CREATE TRIGGER document_part_invalidate AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lgit.document_part
  FOR EACH STATEMENT EXECUTE FUNCTION lgit.invalidate_cache();

INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by, qualification) VALUES
('proposal',                       '立项申请报告/项目建议书',             'project proposal',                         '10',     '{unit}',            NULL),
('unit_leadership_minutes',        '项目申请单位班子研究会议纪要',         'minutes of the unit leadership meeting',   '10',     '{unit}',            NULL),
('leader_special_meeting_minutes', '分管区领导专题会议纪要',               'minutes of the district leader''s special meeting', '10', '{unit,leader}', NULL),
('government_meeting_minutes',     '区政府有关会议纪要',                   'minutes of the district government meeting', '9',    '{leader,authority}', NULL),
('authority_proposal_opinion',     '区信息化主管部门审核意见（立项）',     'authority''s opinion on the proposal',     '10, 13', '{authority}',       NULL),
('feasibility_report',             '可行性研究报告',                       'feasibility study report',                 '11',     '{unit}',            '具有相应资质的咨询机构'),
('preliminary_design',             '初步设计方案及概算',                   'preliminary design and estimate',          '12',     '{unit}',            '具有相应资质的咨询机构'),
('market_quote',                   '市场询价报价清单',                     'market quote for equipment',               '12',     '{unit}',            NULL),
('expert_review_conclusion',       '专家评审结论',                         'expert review conclusion',                 '12, 13', '{authority,expert}', NULL),
('authority_design_opinion',       '区信息化主管部门审核意见（初步设计）', 'authority''s opinion on the preliminary design', '12, 13', '{authority}',  NULL),
('superior_approval',              '上级批复',                             'approval by the state, province or city',  '14',     '{unit,authority}',  NULL);

INSERT INTO lgit.document_part (kind, part, label_zh, label_en, required) VALUES
('proposal', 'current_situation',         '信息化现状和存在的问题',     'current situation and problems', true),
('proposal', 'necessity',                 '项目建设的必要性和依据',     'necessity and basis',            true),
('proposal', 'benefits',                  '经济效益和社会效益',         'economic and social benefits',   true),
('proposal', 'goals',                     '建设目标',                   'goals',                          true),
('proposal', 'content',                   '主要建设内容',               'main content',                   true),
('proposal', 'integration_sharing_plan',  '政务信息系统整合共享计划',   'integration and sharing plan',   true),
('proposal', 'site',                      '拟建地点',                   'site',                           true),
('proposal', 'scale',                     '拟建规模',                   'scale',                          true),
('proposal', 'schedule',                  '建设时序',                   'schedule',                       true),
('proposal', 'investment_estimate',       '投资匡算',                   'investment estimate',            true),
('proposal', 'fund_use',                  '资金使用',                   'use of funds',                   true),
('proposal', 'om_plan',                   '运营（运维）方案',           'operation and maintenance plan', true),
('feasibility_report', 'resource_sharing_analysis', '信息资源共享分析章节', 'information-resource sharing chapter', true),
('feasibility_report', 'information_security',      '信息安全章节',         'information security chapter',         true),
('preliminary_design', 'acceptance_method',         '项目验收的方式和内容', 'acceptance method and content',        true),
('preliminary_design', 'staffing',                  '技术人员构成',         'technical staffing',                   true),
('preliminary_design', 'working_time',              '工作时间',             'working time',                         true),
('preliminary_design', 'implementation_plan',       '详细实施计划',         'detailed implementation plan',         true),
('preliminary_design', 'resource_sharing_analysis', '信息资源共享分析章节', 'information-resource sharing chapter', true),
('preliminary_design', 'information_security',      '信息安全章节',         'information security chapter',         true),
('preliminary_design', 'equipment_purchase',        '设备采购',             'equipment purchase',                   false);

CREATE TABLE lgit.document (
  document_id      bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id       bigint  NOT NULL REFERENCES lgit.project,
  kind             text    NOT NULL REFERENCES lgit.document_kind,
  doc_number       text    CONSTRAINT document_number_used_once UNIQUE CHECK (btrim(doc_number) <> ''),
  title            text    NOT NULL,
  issuer           text    NOT NULL CHECK (btrim(issuer) <> ''),
  issuer_qualified boolean NOT NULL DEFAULT false,
  issued_on        date    NOT NULL,
  accepted_on      date    CHECK (accepted_on >= issued_on),
  content_sha256   bytea   NOT NULL CHECK (length(content_sha256) = 32),
  parts            text[]  NOT NULL DEFAULT '{}',
  conclusion       text    CHECK (conclusion IN ('approved', 'rejected')),
  registered_by    text    NOT NULL DEFAULT '',
  registered_at    timestamptz NOT NULL DEFAULT now(),
  filed_on         date    CHECK (filed_on >= issued_on),
  amount           numeric(16,2) CHECK (amount > 0 AND amount <> 'NaN'),
  CONSTRAINT document_design_approval_has_amount CHECK (kind <> 'drc_design_approval' OR amount IS NOT NULL)
);
CREATE INDEX document_project_kind_idx ON lgit.document (project_id, kind);
COMMENT ON TABLE lgit.document IS
  'Registered evidence of a project. Registering is checked against the actor (document_kind.registered_by; a unit only for its own projects) and the kind''s parts. doc_number (文号) is unique: one approval cannot serve two projects. Once a stage change relied on a document (lgit.history.evidence) it cannot be altered or removed (LG002).';
COMMENT ON COLUMN lgit.document.doc_number IS '文号, e.g. 深龙发改〔2026〕12号; unique across all projects. NULL for documents that carry none (market quotes).';
COMMENT ON COLUMN lgit.document.issuer_qualified IS 'Whether the issuer holds the qualification document_kind.qualification requires (Art 11, 12, 27).';
COMMENT ON COLUMN lgit.document.accepted_on IS '正式受理 (Art 11, 12): the date the authority formally accepted the document; review deadlines count from it. Recorded by the authority only.';
COMMENT ON COLUMN lgit.document.filed_on IS '备案 (Art 30, 32): the date the authority accepted the filing of the document (the completion report); O&M money follows it. Recorded by the authority only.';
COMMENT ON COLUMN lgit.document.content_sha256 IS 'SHA-256 of the document''s file as filed, so the file can be checked against the record.';
COMMENT ON COLUMN lgit.document.parts IS 'The parts of document_part the document contains.';
COMMENT ON COLUMN lgit.document.amount IS 'For the DRC''s 概算批复 (drc_design_approval) and a re-approval: the approved estimate 总概算 (CNY) that Art 23 (LG230) holds contracts to.';
COMMENT ON COLUMN lgit.document.conclusion IS 'approved or rejected: required for the kinds that record an outcome (document_kind.records_outcome). The latest document of a kind (by issued_on, then document_id) is the one a gate reads, so a rejection followed by an approving re-test passes. NULL on such a kind (only rows kept from 0.1.0) means "not stated" and counts as not approving.';
COMMENT ON COLUMN lgit.document.registered_by IS 'The actor who registered it (set by lgit).';

-- From contract to completion and after (Art 21-39).
INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by, qualification) VALUES
('self_test_report',                      '项目自测报告',                     'self-test report',                              '26',     '{unit}',             NULL),
('expert_preliminary_acceptance_minutes', '专家初步验收会纪要',               'minutes of the expert preliminary acceptance',  '26',     '{unit}',             NULL),
('third_party_test_report',               '第三方验收测评报告',               'third-party acceptance test report',            '27',     '{unit}',             '信息系统工程测评资质'),
('archive_acceptance',                    '项目档案验收意见',                 'archive acceptance',                            '21',     '{authority}',        NULL),
('security_test_report',                  '上线安全测试报告',                 'go-live security test report',                  '28',     '{authority}',        NULL),
('data_sharing_handover',                 '业务数据共享移交材料',             'data sharing handover',                         '29',     '{unit}',             NULL),
('source_code_handover',                  '源代码上传移交记录',               'source code uploaded to the development cloud', '29',     '{unit,authority}',   NULL),
('expert_completion_minutes',             '专家竣工验收会纪要',               'minutes of the expert completion acceptance',   '30',     '{unit}',             NULL),
('completion_report',                     '竣工验收报告（备案）',             'completion acceptance report (filed)',          '30, 32', '{unit}',             NULL),
('industry_review',                       '行业主管部门审核意见（终止）',     'industry authority''s review of termination',   '34',     '{authority,leader,unit}', NULL),
('termination_approval',                  '分管区领导终止批准',               'district leader''s approval of termination',    '34',     '{leader}',           NULL),
('authority_change_review',               '区信息化主管部门变更审核意见',     'authority''s review of a change',               '24',     '{authority}',        NULL),
('estimate_reapproval',                   '超概算重新报批批复',               're-approval of a budget over the estimate',     '23',     '{drc}',              NULL);

INSERT INTO lgit.document_part (kind, part, label_zh, label_en, required) VALUES
('self_test_report', 'contractor_signed',  '承建单位确认', 'signed by the contractor', true),
('self_test_report', 'supervisor_signed',  '监理单位确认', 'signed by the supervisor', true),
('security_test_report', 'host',        '主机层',   'host layer',        true),
('security_test_report', 'application', '应用层',   'application layer', true),
('security_test_report', 'database',    '数据库层', 'database layer',    true),
('security_test_report', 'baseline',    '安全基线', 'security baseline', true),
('data_sharing_handover', 'full_realtime_sharing',   '业务数据全量实时共享', 'full real-time data sharing', true),
('data_sharing_handover', 'readonly_account',        '只读账号和密码',       'read-only account',           true),
('data_sharing_handover', 'connection',              '访问数据库的链接',     'database connection',         true),
('data_sharing_handover', 'data_structure_document', '数据结构文档',         'data structure document',     true);

-- Reports whose absence or lateness is an overdue obligation (Art 20, 22, 28).
INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by, qualification) VALUES
('progress_report',           '项目进度和资金使用情况月报', 'monthly progress and funds report',      '20', '{unit}', NULL),
('performance_report',        '项目绩效评价报告',           'annual performance evaluation report',   '22', '{unit}', NULL),
('security_test_application', '上线安全测试申请',           'application for the go-live security test', '28', '{unit}', NULL);

-- Art 34: the review of a termination is the act of the project's industry department.
UPDATE lgit.document_kind SET by_other_department = true WHERE kind = 'industry_review';

-- Art 34, 42: the audit settlement of a termination; the authority's approval of security equipment.
INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by, qualification) VALUES
('audit_settlement',            '审计结算意见',                   'audit settlement of a terminated project', '34', '{audit}',     NULL),
('security_equipment_approval', '区信息化主管部门安全设备采购审批', 'authority''s approval of security equipment', '42', '{authority}', NULL);

-- Art 11: the authority's review (审核) of the feasibility study and the expert review the DRC
-- organises (评审结论), both before the DRC approves it.  Art 29: the authority's audit of the
-- data-sharing and source-code handover.  Art 29, 33: the authority's recorded exemptions (a
-- purely off-the-shelf product with no custom source code; a next phase approved before the
-- previous one's completion, 原则上) - the title states the reason.
INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by, qualification) VALUES
('authority_feasibility_opinion', '区信息化主管部门审核意见（可行性研究报告）', 'authority''s review of the feasibility study', '11', '{authority}',  NULL),
('feasibility_expert_review',     '可行性研究报告专家评审结论',               'expert review conclusion on the feasibility study', '11', '{drc,expert}', NULL),
('handover_audit',                '业务数据共享和源代码移交审核意见',         'authority''s audit of the data sharing and source code handover', '29', '{authority}', NULL),
('source_code_exemption',         '源代码移交豁免意见（成品软件）',           'authority''s exemption from the source code upload (off-the-shelf product)', '29', '{authority}', NULL),
('phase_exemption',               '分期项目申报例外意见',                     'authority''s exemption for a next phase', '33', '{authority}', NULL);

-- The kinds that record a decision or a test result: each states its conclusion.
UPDATE lgit.document_kind SET records_outcome = true
WHERE kind IN ('unit_leadership_minutes', 'leader_special_meeting_minutes', 'government_meeting_minutes',
               'authority_proposal_opinion', 'authority_feasibility_opinion', 'feasibility_expert_review',
               'expert_review_conclusion', 'authority_design_opinion', 'self_test_report',
               'expert_preliminary_acceptance_minutes', 'third_party_test_report', 'archive_acceptance',
               'security_test_report', 'handover_audit', 'expert_completion_minutes', 'industry_review');
