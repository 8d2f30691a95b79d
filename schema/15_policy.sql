-- Thresholds and deadlines are policy, not constants: each key has values with the dates
-- they are in force, and a rule is judged by the value in force on the date that matters.

CREATE TABLE lgit.policy_key (
  key         text PRIMARY KEY,
  unit        text NOT NULL CHECK (unit IN ('CNY', 'ratio', 'count', 'months', 'workdays', 'days')),
  article     text NOT NULL,
  description text NOT NULL
);
COMMENT ON TABLE lgit.policy_key IS 'The policy keys of SPEC §4: what each threshold or deadline means and in which unit it is counted.';

CREATE TABLE lgit.policy (
  key       text      NOT NULL REFERENCES lgit.policy_key,
  value     numeric   NOT NULL CHECK (value >= 0),
  in_force  daterange NOT NULL CHECK (NOT isempty(in_force) AND NOT lower_inf(in_force)),
  note      text,
  PRIMARY KEY (key, in_force),
  EXCLUDE USING gist (key WITH =, in_force WITH &&)
);
COMMENT ON TABLE lgit.policy IS
  'Value of each policy key and the dates it is in force; ranges of one key never overlap. To change a threshold from a date on, close the current range at that date and add a new row.';
COMMENT ON COLUMN lgit.policy.in_force IS 'Dates (Asia/Shanghai) the value applies to, [from, to); an open upper bound means until further notice.';

INSERT INTO lgit.policy_key (key, unit, article, description) VALUES
('scope_min_district_funds',                   'CNY',      '2, 3', '区政府资金投资50万元以上（含）适用本办法: district funds at or above this are in scope'),
('leader_meeting_min_investment',              'CNY',      '10',   '总投资1000万以上（含）需分管区领导专题会议: at or above this the leader''s special meeting is required'),
('feasibility_min_investment',                 'CNY',      '11',   '总投资5000万元以上（含）编制可行性研究报告: at or above this the feasibility study path is required'),
('expert_preliminary_acceptance_min_contract', 'CNY',      '26',   '合同金额1000万（含）以上组织专家初步验收会: contract amount at or above this needs an expert preliminary-acceptance meeting'),
('change_review_ratio',                        'ratio',    '24',   '累计变更金额超过合同价10%报主管部门审核: cumulative changes over this share of the contract price need authority review'),
('min_quotes_for_equipment',                   'count',    '12',   '设备采购取得不少于3家机构报价: minimum market quotes for equipment purchase'),
('min_warranty_months',                        'months',   '45',   '质保期不低于2年: minimum warranty in months'),
('feasibility_review_workdays',                'workdays', '11',   '可研正式受理之日起5个工作日内完成审核'),
('design_prereview_workdays',                  'workdays', '12',   '初步设计正式受理之日起5个工作日内完成预审'),
('design_expert_review_workdays',              'workdays', '12',   '预审通过后5个工作日内组织专家评审'),
('contract_filing_workdays',                   'workdays', '19',   '签订合同后10个工作日内备案中标通知书、合同'),
('security_test_report_workdays',              'workdays', '28',   '3个工作日内出具安全测试报告'),
('surplus_return_workdays',                    'workdays', '36',   '竣工决算审核结论出具后30个工作日内上缴结余资金');

-- Art 55 leaves the commencement date blank (2020年X月X日); the values apply from 2020-01-01
-- until the authority closes them.
INSERT INTO lgit.policy (key, value, in_force, note)
SELECT key, value, daterange('2020-01-01', NULL), '龙岗区信息化项目管理办法（修订草案）'
FROM (VALUES
  ('scope_min_district_funds', 500000),
  ('leader_meeting_min_investment', 10000000),
  ('feasibility_min_investment', 50000000),
  ('expert_preliminary_acceptance_min_contract', 10000000),
  ('change_review_ratio', 0.10),
  ('min_quotes_for_equipment', 3),
  ('min_warranty_months', 24),
  ('feasibility_review_workdays', 5),
  ('design_prereview_workdays', 5),
  ('design_expert_review_workdays', 5),
  ('contract_filing_workdays', 10),
  ('security_test_report_workdays', 3),
  ('surplus_return_workdays', 30)
) AS v(key, value);
