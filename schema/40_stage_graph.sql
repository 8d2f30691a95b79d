-- The lifecycle as readable catalogs: what each stage means (lgit.stage_info) and which
-- changes of stage exist (lgit.stage_edge).  The engine enforces exactly these edges.

CREATE TABLE lgit.stage_info (
  stage      lgit.stage PRIMARY KEY,
  label_zh   text NOT NULL,
  label_en   text NOT NULL,
  entered_by lgit.capacity[] NOT NULL,
  article    text
);
COMMENT ON TABLE lgit.stage_info IS 'SPEC §3: each stage with its Chinese and English label, who enters it and under which article.';

INSERT INTO lgit.stage_info (stage, label_zh, label_en, entered_by, article) VALUES
('draft',                 '草拟',                                   'draft',                               '{unit}',      NULL),
('proposed',              '已申报（立项申请报告/项目建议书）',          'proposed',                            '{unit}',      '10'),
('proposal_approved',     '主管部门审核通过',                         'proposal approved by the authority',  '{authority}', '10'),
('established',           '发改立项（列入年度政府投资项目计划）',       'established by the DRC',              '{drc,authority}', '10, 14'),
('feasibility_submitted', '可行性研究报告报审',                       'feasibility study submitted',         '{unit}',      '11'),
('feasibility_approved',  '可研审核通过并经发改审批',                  'feasibility study approved',          '{drc}',       '11'),
('design_submitted',      '初步设计方案及概算报预审',                  'preliminary design submitted',        '{unit}',      '12'),
('design_prereviewed',    '主管部门预审通过',                         'design pre-reviewed by the authority','{authority}', '12'),
('design_reviewed',       '专家评审完成，主管部门出具审核意见',         'design reviewed by experts',          '{authority}', '12'),
('design_approved',       '发改审批（概算核定）',                      'design and estimate approved by the DRC', '{drc}',   '13'),
('procurement',           '招标采购',                                 'procurement',                         '{unit}',      '17'),
('contracted',            '合同签订',                                 'contract signed',                     '{unit}',      '19'),
('construction',          '建设实施',                                 'construction',                        '{unit}',      '16–24'),
('self_tested',           '自行检测通过',                             'self-test passed',                    '{unit}',      '26'),
('trial_operation',       '合同初步验收通过，试运行',                  'preliminary acceptance, trial operation', '{unit}',  '26, 27'),
('final_accepted',        '合同终验',                                 'contract final acceptance',           '{unit}',      '27'),
('security_tested',       '上线安全测试通过',                          'go-live security test passed',        '{authority}', '28'),
('handover_verified',     '数据共享与源代码移交审核通过',               'data sharing and source handover verified', '{authority}', '29'),
('completed',             '竣工验收合格，正式上线运行',                 'completed and in operation',          '{unit}',      '30'),
('suspended',             '暂缓（资金暂停拨付）',                       'suspended',                           '{authority}', '49, 50'),
('terminated',            '终止/取消',                                'terminated',                          '{leader}',    '34, 50');

CREATE TABLE lgit.stage_edge (
  from_stage      lgit.stage NOT NULL,
  to_stage        lgit.stage NOT NULL,
  capacities      lgit.capacity[] NOT NULL CHECK (cardinality(capacities) > 0),
  kind            text NOT NULL CHECK (kind IN ('forward', 'filing', 'return', 'suspend', 'resume', 'terminate')),
  condition       text CHECK (condition IN ('feasibility_required', 'feasibility_not_required', 'superior_funded')),
  origin_of       lgit.stage,
  reason_required boolean NOT NULL,
  article         text,
  PRIMARY KEY (from_stage, to_stage),
  CHECK (from_stage <> to_stage)
);
COMMENT ON TABLE lgit.stage_edge IS
  'The stage graph of SPEC §3: every permitted change of stage, who may make it, and under which article. A change that is not a row here fails with LG000.';
COMMENT ON COLUMN lgit.stage_edge.capacities IS 'Capacities allowed to make the change; a unit-capacity actor only on its own unit''s projects (LG001).';
COMMENT ON COLUMN lgit.stage_edge.condition IS
  'feasibility_required: total investment at or over feasibility_min_investment in force when the project was proposed; feasibility_not_required: under it (LG110 otherwise); superior_funded: only for Art 14 projects.';
COMMENT ON COLUMN lgit.stage_edge.origin_of IS
  'When set, the edge exists only if to_stage is the stage the project left when it last entered origin_of (returns and resumption go back where they came from).';
COMMENT ON COLUMN lgit.stage_edge.reason_required IS 'Returns, suspensions and terminations must state a reason (LG003).';

INSERT INTO lgit.stage_edge (from_stage, to_stage, capacities, kind, condition, origin_of, reason_required, article) VALUES
-- forward, draft to completed
('draft',                 'proposed',              '{unit}',      'forward', NULL, NULL, false, '10'),
('proposed',              'proposal_approved',     '{authority}', 'forward', NULL, NULL, false, '10'),
('proposal_approved',     'established',           '{drc}',       'forward', NULL, NULL, false, '10'),
('established',           'feasibility_submitted', '{unit}',      'forward', 'feasibility_required',     NULL, false, '11'),
('established',           'design_submitted',      '{unit}',      'forward', 'feasibility_not_required', NULL, false, '11, 12'),
('feasibility_submitted', 'feasibility_approved',  '{drc}',       'forward', NULL, NULL, false, '11'),
('feasibility_approved',  'design_submitted',      '{unit}',      'forward', NULL, NULL, false, '11, 12'),
('design_submitted',      'design_prereviewed',    '{authority}', 'forward', NULL, NULL, false, '12'),
('design_prereviewed',    'design_reviewed',       '{authority}', 'forward', NULL, NULL, false, '12'),
('design_reviewed',       'design_approved',       '{drc}',       'forward', NULL, NULL, false, '13'),
('design_approved',       'procurement',           '{unit}',      'forward', NULL, NULL, false, '17'),
('procurement',           'contracted',            '{unit}',      'forward', NULL, NULL, false, '19'),
('contracted',            'construction',          '{unit}',      'forward', NULL, NULL, false, '16–24'),
('construction',          'self_tested',           '{unit}',      'forward', NULL, NULL, false, '26'),
('self_tested',           'trial_operation',       '{unit}',      'forward', NULL, NULL, false, '26, 27'),
('trial_operation',       'final_accepted',        '{unit}',      'forward', NULL, NULL, false, '27'),
('final_accepted',        'security_tested',       '{authority}', 'forward', NULL, NULL, false, '28'),
('security_tested',       'handover_verified',     '{authority}', 'forward', NULL, NULL, false, '29'),
('handover_verified',     'completed',             '{unit}',      'forward', NULL, NULL, false, '30'),
-- Art 14: higher-level projects are filed straight into established, and go on to procurement
-- without the district's feasibility study and design approvals (they were approved above)
('draft',                 'established',           '{authority}', 'filing',  'superior_funded', NULL, false, '14'),
('established',           'procurement',           '{unit}',      'forward', 'superior_funded', NULL, false, '14'),
-- returns (退回修改) go back to where the submission was made from
('proposed',              'draft',                 '{authority}',     'return', NULL, NULL, true, '10'),
('proposal_approved',     'draft',                 '{drc}',           'return', NULL, NULL, true, '10'),
('feasibility_submitted', 'established',           '{authority,drc}', 'return', NULL, NULL, true, '11'),
('design_submitted',      'established',           '{authority}', 'return', NULL, 'design_submitted', true, '12'),
('design_submitted',      'feasibility_approved',  '{authority}', 'return', NULL, 'design_submitted', true, '12'),
('design_prereviewed',    'established',           '{authority}', 'return', NULL, 'design_submitted', true, '12'),
('design_prereviewed',    'feasibility_approved',  '{authority}', 'return', NULL, 'design_submitted', true, '12'),
('design_reviewed',       'established',           '{drc}',       'return', NULL, 'design_submitted', true, '13'),
('design_reviewed',       'feasibility_approved',  '{drc}',       'return', NULL, 'design_submitted', true, '13');

-- Art 49, 50: the authority suspends a project from established to final_accepted, and
-- resumes it only to the stage it came from.
INSERT INTO lgit.stage_edge (from_stage, to_stage, capacities, kind, condition, origin_of, reason_required, article)
SELECT s, 'suspended'::lgit.stage, '{authority}'::lgit.capacity[], 'suspend', NULL, NULL::lgit.stage, true, '49, 50'
FROM unnest(enum_range('established'::lgit.stage, 'final_accepted'::lgit.stage)) AS s
UNION ALL
SELECT 'suspended'::lgit.stage, s, '{authority}'::lgit.capacity[], 'resume', NULL, 'suspended'::lgit.stage, false, '49, 50'
FROM unnest(enum_range('established'::lgit.stage, 'final_accepted'::lgit.stage)) AS s;

-- Art 34, 50: the district leader terminates a project from any stage that is not final.
INSERT INTO lgit.stage_edge (from_stage, to_stage, capacities, kind, condition, origin_of, reason_required, article)
SELECT s, 'terminated', '{leader}', 'terminate', NULL, NULL, true, '34, 50'
FROM unnest(enum_range(NULL::lgit.stage)) AS s
WHERE s NOT IN ('completed', 'terminated');

-- Art 34: a unit withdraws its own draft that was never proposed (the termination procedure,
-- industry review and leader's approval, is for projects that entered it).
UPDATE lgit.stage_edge SET capacities = '{unit,leader}' WHERE from_stage = 'draft' AND to_stage = 'terminated';
