-- A small, realistic Longgang sample: the district bodies, a few streets and departments,
-- the people who act for them, their filed special plans, and four projects.  Used by the demo
-- and the regression tests.

INSERT INTO lgit.unit (code, name_zh, name_en, kind) VALUES
  ('LGZSJ', '区政务服务数据管理局',     'District Government Services and Data Administration', 'authority'),
  ('LGFGJ', '区发展和改革局',           'District Development and Reform Bureau',              'drc'),
  ('LGCZJ', '区财政局',                 'District Finance Bureau',                              'finance'),
  ('LGSJJ', '区审计局',                 'District Audit Bureau',                                'audit'),
  ('LGQZF', '区人民政府',               'District People''s Government',                        'government'),
  ('LCJD',  '龙城街道办事处',           'Longcheng Subdistrict Office',                         'street'),
  ('BJJD',  '布吉街道办事处',           'Buji Subdistrict Office',                              'street'),
  ('BTJD',  '坂田街道办事处',           'Bantian Subdistrict Office',                           'street'),
  ('LGJYJ', '区教育局',                 'District Education Bureau',                            'department'),
  ('LGWJJ', '区卫生健康局',             'District Health Commission',                           'department');

INSERT INTO lgit.actor (actor_name, unit_id, capacity, display_name)
SELECT a.actor_name, u.unit_id, a.capacity::lgit.capacity, a.display_name
FROM (VALUES
  ('zsj_chen',  'LGZSJ', 'authority', '陈科长（区政务服务数据管理局）'),
  ('zsj_expert','LGZSJ', 'expert',    '吴专家（评审专家库）'),
  ('fgj_zhao',  'LGFGJ', 'drc',       '赵科长（区发改局）'),
  ('czj_sun',   'LGCZJ', 'finance',   '孙科长（区财政局）'),
  ('sjj_zhou',  'LGSJJ', 'audit',     '周审计师（区审计局）'),
  ('qzf_lin',   'LGQZF', 'leader',    '林副区长（分管区领导）'),
  ('lc_wang',   'LCJD',  'unit',      '王主任（龙城街道）'),
  ('bj_li',     'BJJD',  'unit',      '李主任（布吉街道）'),
  ('bt_he',     'BTJD',  'unit',      '何主任（坂田街道）'),
  ('jyj_liu',   'LGJYJ', 'unit',      '刘科长（区教育局）'),
  ('wjj_huang', 'LGWJJ', 'unit',      '黄科长（区卫健局）')
) AS a(actor_name, unit_code, capacity, display_name)
JOIN lgit.unit u ON u.code = a.unit_code;

-- Art 8: each unit's special plan for 2026-2030, recorded by the authority once filed with it.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.special_plan (unit_id, title, years, filed_on, doc_number)
SELECT u.unit_id, u.name_zh || '“十五五”信息化建设专项规划', int4range(2026, 2031), p.filed_on, p.doc_number
FROM (VALUES ('LCJD',  date '2026-03-01', '深龙城办〔2026〕8号'),
             ('BJJD',  date '2026-03-15', '深龙布办〔2026〕11号'),
             ('BTJD',  date '2026-04-02', '深龙坂办〔2026〕6号'),
             ('LGJYJ', date '2026-03-20', '深龙教〔2026〕19号'),
             ('LGWJJ', date '2026-03-28', '深龙卫健〔2026〕23号')) AS p(unit_code, filed_on, doc_number)
JOIN lgit.unit u ON u.code = p.unit_code;

-- Each unit files its own projects, inside its plan; the application names the person in lgit.actor.
SET lgit.actor = 'lc_wang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_general_budget)
SELECT 'LG-2027-001', '龙城街道智慧社区网格化治理平台', unit_id, 'application', 'new', 2027, plan_id, 8000000
FROM lgit.special_plan WHERE doc_number = '深龙城办〔2026〕8号';

SET lgit.actor = 'jyj_liu';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id,
                          fund_general_budget, fund_unit_self_raised)
SELECT 'LG-2027-002', '智慧校园安全监测系统升级', unit_id, 'infrastructure', 'upgrade', 2027, plan_id, 10000000, 2000000
FROM lgit.special_plan WHERE doc_number = '深龙教〔2026〕19号';

SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id,
                          fund_general_budget, fund_government_bonds)
SELECT 'LG-2027-003', '区域全民健康信息平台扩容', unit_id, 'data_resources', 'expansion', 2027, plan_id, 20000000, 40000000
FROM lgit.special_plan WHERE doc_number = '深龙卫健〔2026〕23号';

SET lgit.actor = 'bj_li';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id, fund_unit_self_raised)
SELECT 'LG-2027-004', '布吉街道办公电脑更新', unit_id, 'equipment_only', 'new', 2027, plan_id, 300000
FROM lgit.special_plan WHERE doc_number = '深龙布办〔2026〕11号';

RESET lgit.actor;
