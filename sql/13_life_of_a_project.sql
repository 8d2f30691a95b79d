-- The life of a real project: 区卫生健康局's 60,000,000 智慧医疗 platform, from draft to
-- completion and O&M money, with every document the measures require - and each gate of
-- delivery (Art 18-32) refusing first, then passing once its evidence is registered.
SET datestyle = ISO;
\set p '(SELECT project_id FROM lgit.project WHERE code = ''LG-2027-006'')'
\set plan '(SELECT plan_id FROM lgit.special_plan WHERE doc_number = ''深龙卫健〔2026〕23号'')'

-- Art 8-10: inside the unit's filed plan; 60,000,000 of district funds (budget and bonds).
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.project (code, name, unit_id, category, build_type, plan_year, special_plan_id,
                          fund_general_budget, fund_government_bonds, responsible_person, implementing_body,
                          custom_development)
SELECT 'LG-2027-006', '龙岗区智慧医疗协同平台', unit_id, 'application', 'new', 2027, :plan,
       20000000, 40000000, '黄科长', '区卫生健康信息中心', true
FROM lgit.unit WHERE code = 'LGWJJ';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
SELECT :p, 'proposal', '深龙卫健〔2026〕50号', '智慧医疗协同平台项目建议书', '区卫生健康局', '2026-03-30',
       sha256('proposal'::bytea), array_agg(part ORDER BY ordinal) FROM lgit.document_part WHERE kind = 'proposal';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion) VALUES
  (:p, 'unit_leadership_minutes', '区卫健局党组会议纪要〔2026〕4号', '党组会议纪要', '区卫生健康局党组', '2026-03-25', sha256('m4'::bytea), 'approved'),
  (:p, 'leader_special_meeting_minutes', '区领导专题会议纪要〔2026〕3号', '分管区领导专题会议纪要', '龙岗区人民政府办公室', '2026-03-28', sha256('m3'::bytea), 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'proposed');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'proposal_approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'authority_proposal_opinion', '深龙政数审〔2026〕12号', '立项审核意见', '区政务服务数据管理局', '2026-04-10', sha256('o12'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'drc_establishment_approval', '深龙发改立〔2026〕6号', '立项批复', '区发展和改革局', '2026-04-15', sha256('深龙发改立〔2026〕6号'::bytea));
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'established');

-- Art 11: 5000万元以上 - the feasibility study, by a qualified consultancy, approved by the DRC.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
VALUES (:p, 'feasibility_report', '可研-2026-021', '智慧医疗协同平台可行性研究报告', '深圳市某工程咨询有限公司', true,
        '2026-05-06', sha256('fs'::bytea), '{resource_sharing_analysis,information_security}');
-- 正式受理 (Art 11) is the authority's act: it records the date, which starts its review clock.
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET accepted_on = '2026-05-08' WHERE doc_number = '可研-2026-021';
SET lgit.actor = 'wjj_huang';
SELECT to_stage FROM lgit.advance(:p, 'feasibility_submitted');
-- ... the authority's approving review (审核) and the expert review the DRC organises (评审结论) first.
SET lgit.actor = 'fgj_zhao';
SELECT code, message FROM lgit.blockers(:p, 'feasibility_approved');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'authority_feasibility_opinion', '深龙政数审〔2026〕20号', '可行性研究报告审核意见', '区政务服务数据管理局', '2026-05-14',
        sha256('fs-opinion'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'feasibility_expert_review', '发改评审〔2026〕9号', '可行性研究报告专家评审结论', '区发改局评审专家组', '2026-05-20',
        sha256('fs-review'::bytea), 'approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'drc_feasibility_approval', '深龙发改可〔2026〕6号', '可行性研究报告批复', '区发展和改革局', '2026-05-20', sha256('深龙发改可〔2026〕6号'::bytea));
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'feasibility_approved');

-- Art 12, 13: the preliminary design with three quotes, expert review, the authority's opinion, DRC approval.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, parts)
SELECT :p, 'preliminary_design', '初设-2026-040', '智慧医疗协同平台初步设计方案及概算', '深圳市某工程咨询有限公司', true,
       '2026-06-15', sha256('design'::bytea), array_agg(part ORDER BY ordinal)
FROM lgit.document_part WHERE kind = 'preliminary_design';
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET accepted_on = '2026-06-16' WHERE doc_number = '初设-2026-040';
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.document (project_id, kind, title, issuer, issued_on, content_sha256)
SELECT :p, 'market_quote', '服务器及存储报价', q, '2026-06-10', sha256(convert_to(q, 'UTF8'))
FROM unnest(ARRAY['甲科技公司', '乙科技公司', '丙科技公司']) AS q;
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'design_submitted');
SET lgit.actor = 'zsj_chen';
SELECT to_stage FROM lgit.advance(:p, 'design_prereviewed');
SELECT to_stage FROM lgit.advance(:p, 'design_reviewed');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion) VALUES
  (:p, 'expert_review_conclusion', '专家评审〔2026〕31号', '初步设计专家评审结论', '区信息化项目评审专家组', '2026-06-29', sha256('e31'::bytea), 'approved'),
  (:p, 'authority_design_opinion', '深龙政数审〔2026〕33号', '初步设计审核意见', '区政务服务数据管理局', '2026-07-02', sha256('o33'::bytea), 'approved');
SET lgit.actor = 'fgj_zhao';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, amount)
VALUES (:p, 'drc_design_approval', '深龙发改概〔2026〕6号', '初步设计及概算批复', '区发展和改革局', '2026-07-06', sha256('深龙发改概〔2026〕6号'::bytea), (SELECT total_investment FROM lgit.project WHERE project_id = :p));
SELECT to_stage FROM lgit.advance(:p, 'design_approved');

-- Art 17, 19, 38, 45: procurement and the contract.  A contract without the acceptance clause, the
-- ownership clause and with a 23-month warranty is refused for all three reasons at once.
SET lgit.actor = 'wjj_huang';
SELECT to_stage FROM lgit.advance(:p, 'procurement');
SELECT code, message FROM lgit.blockers(:p, 'contracted');
INSERT INTO lgit.contract (project_id, doc_number, contractor, amount, signed_on, warranty_months)
VALUES (:p, 'LGWJJ-HT-2026-018', '深圳市某智慧医疗科技有限公司', 52000000, '2026-08-03', 23);
SELECT code, message FROM lgit.blockers(:p, 'contracted');
-- the unit cannot record the filing: only the authority can
UPDATE lgit.contract SET filed_on = '2026-08-10' WHERE doc_number = 'LGWJJ-HT-2026-018';
UPDATE lgit.contract SET acceptance_clause = true, ownership_clause = true, warranty_months = 24
WHERE doc_number = 'LGWJJ-HT-2026-018';
SELECT to_stage FROM lgit.advance(:p, 'contracted');

-- Art 18: construction waits for a qualified supervisor.  Art 19's filing of the bid notice and
-- contract (due 2026-08-17) does not hold it back: a late filing is reported (lgit.overdue while
-- unfiled, lgit.check_project once filed late), never a refusal.
SELECT code, message, facts->>'due' AS due FROM lgit.blockers(:p, 'construction');
UPDATE lgit.contract SET supervisor = '深圳市某工程监理有限公司', supervisor_qualified = true
WHERE doc_number = 'LGWJJ-HT-2026-018';
-- Art 19, 31: the payment schedule is part of the contract filed with the authority
-- (合同约定的支付进度): 30% on signing, 60% at final acceptance, 10% at completion.
INSERT INTO lgit.payment_milestone (contract_id, stage, amount)
SELECT contract_id, s.stage, s.amount FROM lgit.contract,
       (VALUES ('contracted'::lgit.stage, 15600000), ('final_accepted', 31200000), ('completed', 5200000)) AS s(stage, amount)
WHERE doc_number = 'LGWJJ-HT-2026-018';
SET lgit.actor = 'zsj_chen';
UPDATE lgit.contract SET filed_on = '2026-08-10' WHERE doc_number = 'LGWJJ-HT-2026-018';
SET lgit.actor = 'wjj_huang';
SELECT to_stage FROM lgit.advance(:p, 'construction');

-- Art 31: funds are requested along the filed schedule, for the stages reached.
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 15600000, '2026-08-20' FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';
-- one more yuan than the stage reached allows is refused
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 1, '2026-09-01' FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';

-- Art 24: changes confirmed by design, supervision and contractor.  The cumulative absolute
-- change is compared with 10% of the contract price (5,200,000): exactly 10% needs no review,
-- and splitting a change into pieces does not hide it.
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on, confirmed_by_design, confirmed_by_contractor)
SELECT contract_id, 'compatibility', '对接市级平台接口调整', 3000000, '2026-09-10', true, true
FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
SELECT contract_id, c.reason, c.description, c.amount, '2026-09-10', true, true, true
FROM lgit.contract,
     (VALUES ('compatibility', '对接市级平台接口调整', 3000000.00),
             ('equipment_discontinued', '原型号存储设备停产，更换型号（核减）', -2200000.00)) AS c(reason, description, amount)
WHERE doc_number = 'LGWJJ-HT-2026-018';
SELECT sum(abs(amount)) AS cumulative, round(sum(abs(amount)) / 52000000 * 100, 6) AS percent_of_contract
FROM lgit.change_order;
-- 0.01 more takes it over 10%: the authority's review is required first
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor)
SELECT contract_id, 'business_adjustment', '增加统计报表一张', 0.01, '2026-09-20', true, true, true
FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'authority_change_review', '深龙政数审〔2026〕58号', '关于项目变更的审核意见', '区政务服务数据管理局', '2026-09-25', sha256('o58'::bytea), 'approved');
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor, authority_review_id)
SELECT contract_id, 'business_adjustment', '增加统计报表一张', 0.01, '2026-09-26', true, true, true,
       (SELECT document_id FROM lgit.document WHERE doc_number = '深龙政数审〔2026〕58号')
FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';
-- Art 23: a change taking the contracts past the approved 60,000,000 needs the DRC's re-approval
INSERT INTO lgit.change_order (contract_id, reason_category, description, amount, signed_on,
                               confirmed_by_design, confirmed_by_supervision, confirmed_by_contractor, authority_review_id)
SELECT contract_id, 'price_increase', '芯片涨价', 8000000, '2026-10-08', true, true, true,
       (SELECT document_id FROM lgit.document WHERE doc_number = '深龙政数审〔2026〕58号')
FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';
-- changes are never altered or removed; a correction is another change
UPDATE lgit.change_order SET amount = 1;

-- Art 26: preliminary acceptance after the self-test report signed by contractor and supervisor;
-- the contract is 1000万以上, so the expert preliminary-acceptance meeting too.
SELECT to_stage FROM lgit.advance(:p, 'self_tested');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion)
VALUES (:p, 'self_test_report', '自测-2026-07', '项目自测报告', '区卫生健康局', '2026-10-20', sha256('self'::bytea), '{contractor_signed}', 'approved');
SELECT code, message FROM lgit.blockers(:p, 'trial_operation');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion) VALUES
  (:p, 'self_test_report', '自测-2026-08', '项目自测报告（监理确认）', '区卫生健康局', '2026-10-22', sha256('self2'::bytea), '{contractor_signed,supervisor_signed}', 'approved');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion) VALUES
  (:p, 'expert_preliminary_acceptance_minutes', '初验专家会〔2026〕5号', '专家初步验收会纪要', '区卫生健康局', '2026-10-25', sha256('pre'::bytea), 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'trial_operation');

-- Art 21, 27: final acceptance on a qualified third party's test report, the archives accepted.
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, conclusion)
VALUES (:p, 'third_party_test_report', '测评-2026-113', '第三方验收测评报告', '某信息系统测评中心', false, '2026-11-05', sha256('t1'::bytea), 'approved');
SELECT code, message FROM lgit.blockers(:p, 'final_accepted');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issuer_qualified, issued_on, content_sha256, conclusion)
VALUES (:p, 'third_party_test_report', '测评-2026-118', '第三方验收测评报告', '深圳市某软件测评中心（CMA）', true, '2026-11-09', sha256('t2'::bytea), 'approved');
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'archive_acceptance', '档案验收〔2026〕22号', '项目档案验收意见', '区政务服务数据管理局', '2026-11-10', sha256('a22'::bytea), 'approved');
SET lgit.actor = 'wjj_huang';
SELECT to_stage FROM lgit.advance(:p, 'final_accepted');
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 31200000, '2026-11-12' FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';

-- Art 28: the authority's security test covers host, application, database and baseline.
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion)
VALUES (:p, 'security_test_report', '安测-2026-061', '上线安全测试报告', '区政务服务数据管理局', '2026-11-16', sha256('s1'::bytea), '{host,application,database}', 'rejected');
SELECT code, message FROM lgit.blockers(:p, 'security_tested');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts, conclusion)
VALUES (:p, 'security_test_report', '安测-2026-062', '上线安全测试报告（复测）', '区政务服务数据管理局', '2026-11-18', sha256('s2'::bytea), '{host,application,database,baseline}', 'approved');
SELECT to_stage FROM lgit.advance(:p, 'security_tested');

-- Art 29: all data shared in real time with read-only account, connection and data-structure
-- document; the custom source code uploaded to the district development cloud (hash of the commit).
SELECT code, message FROM lgit.blockers(:p, 'handover_verified');
SET lgit.actor = 'wjj_huang';
-- The read-only password is handed over encrypted (pgcrypto), never in plain text.
\set VERBOSITY terse
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_encrypted, delivered_on)
VALUES (:p, 'zsj_readonly', 'postgresql://10.20.1.15:5432/smart_health', convert_to('Rd0nly!2026', 'UTF8'), '2026-11-19');
\set VERBOSITY default
INSERT INTO lgit.data_access_credential (project_id, account, connection, secret_encrypted, delivered_on)
VALUES (:p, 'zsj_readonly', 'postgresql://10.20.1.15:5432/smart_health',
        pgp_sym_encrypt('Rd0nly!2026', 'key held by the authority'), '2026-11-19');
SELECT account, position(convert_to('Rd0nly!2026', 'UTF8') IN secret_encrypted) = 0 AS password_not_stored,
       pgp_sym_decrypt(secret_encrypted, 'key held by the authority') = 'Rd0nly!2026' AS decrypts_with_the_key
FROM lgit.data_access_credential WHERE project_id = :p;
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, parts)
VALUES (:p, 'data_sharing_handover', '共享-2026-031', '业务数据共享移交材料', '区卫生健康局', '2026-11-19', sha256('share'::bytea),
        '{full_realtime_sharing,readonly_account,connection,data_structure_document}');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256)
VALUES (:p, 'source_code_handover', 'devcloud:lgwjj/smart-health@9f3c2e1', '源代码上传记录', '区政务软件开发云平台', '2026-11-19',
        decode('9f3c2e1a4b5d6c7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f50', 'hex'));
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'handover_audit', '深龙政数审〔2026〕71号', '业务数据共享和源代码移交审核意见', '区政务服务数据管理局', '2026-11-20',
        sha256('handover-audit'::bytea), 'approved');
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'handover_verified');

-- Art 40-43: the platforms it connects to; equipment.  Government-cloud equipment is the
-- authority's to buy, security equipment needs its approval, and a device on the government
-- network is registered before the system goes live.
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.platform_connection (project_id, platform, connected_on)
SELECT :p, x, '2026-11-19' FROM unnest(ARRAY['gov_network', 'gov_cloud', 'big_data', 'identity_access']) AS x;
INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount)
VALUES (:p, 'gov_cloud', '云服务器 4 台', 800000);
INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount)
VALUES (:p, 'security', '数据库审计设备', 300000);
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion)
VALUES (:p, 'security_equipment_approval', '深龙政数批〔2026〕9号', '同意购置数据库审计设备', '区政务服务数据管理局',
        '2026-09-02', sha256('approval 9'::bytea), 'approved');
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.equipment_purchase (project_id, kind, description, amount, on_gov_network, approval_id)
VALUES (:p, 'security', '数据库审计设备', 300000, true,
        (SELECT document_id FROM lgit.document WHERE doc_number = '深龙政数批〔2026〕9号'));

-- Art 30: the expert completion meeting, its report filed with the authority.
SET lgit.actor = 'wjj_huang';
SELECT code, message FROM lgit.blockers(:p, 'completed');
INSERT INTO lgit.document (project_id, kind, doc_number, title, issuer, issued_on, content_sha256, conclusion) VALUES
  (:p, 'expert_completion_minutes', '竣工专家会〔2026〕9号', '专家竣工验收会纪要', '区卫生健康局', '2026-11-23', sha256('c9'::bytea), 'approved'),
  (:p, 'completion_report', '竣工备案〔2026〕9号', '竣工验收报告', '区卫生健康局', '2026-11-24', sha256('r9'::bytea), NULL);
SELECT code, message FROM lgit.blockers(:p, 'completed');
-- Art 43: the device's registration is the authority's act, not the unit's.
UPDATE lgit.equipment_purchase SET registration_number = '政务网设备登记〔2026〕0457' WHERE project_id = :p;
SET lgit.actor = 'zsj_chen';
UPDATE lgit.equipment_purchase SET registration_number = '政务网设备登记〔2026〕0457' WHERE project_id = :p;
SET lgit.actor = 'wjj_huang';
SELECT to_stage, cardinality(evidence) AS documents FROM lgit.advance(:p, 'completed');
-- Art 30, 32: the authority records the filing (备案) of the completion report; O&M money follows it.
UPDATE lgit.document SET filed_on = '2026-11-25' WHERE doc_number = '竣工备案〔2026〕9号';
SET lgit.actor = 'zsj_chen';
UPDATE lgit.document SET filed_on = '2026-11-25' WHERE doc_number = '竣工备案〔2026〕9号';
SET lgit.actor = 'wjj_huang';
INSERT INTO lgit.payment (contract_id, amount, requested_on)
SELECT contract_id, 5200000, '2026-11-25' FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';

-- Art 39: the results go to the 成果库 - until they do, check_project reports it.
SELECT code, article, severity, message FROM lgit.check_project(:p);
INSERT INTO lgit.result (project_id, kind, title, registered_on) VALUES
  (:p, 'software', '智慧医疗协同平台（含源代码）', '2026-11-25'),
  (:p, 'data', '区域医疗协同业务数据集', '2026-11-25');
SELECT count(*) AS violations FROM lgit.check_project(:p);

-- Art 32, 46-48: the authority's list to finance, and the O&M money.  Only finance grants it,
-- and never to a project without completion on file.
SELECT project_code, completion_report, completed_on, warranty_ends FROM lgit.om_eligible ORDER BY project_code;
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:p, 2027, 3600000, '2026-11-26');
SET lgit.actor = 'czj_sun';
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on)
SELECT project_id, 2027, 100000, '2026-11-26' FROM lgit.project WHERE code = 'LG-PR-001';
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:p, 2027, 3600000, '2026-11-26');
-- a unit that stops sharing its data loses its O&M money while the sanction lasts (Art 47):
-- here in January 2030
SET lgit.actor = 'zsj_chen';
INSERT INTO lgit.sanction (unit_id, kind, imposed_on, lifted_on, reason)
SELECT unit_id, 'data_sharing', '2030-01-06', '2030-02-01', '医疗业务数据停止向区大数据平台推送'
FROM lgit.unit WHERE code = 'LGWJJ';
SELECT code, message FROM lgit.om_blockers(:p, '2030-01-15');
SET lgit.actor = 'czj_sun';
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:p, 2030, 3600000, '2030-01-15');
INSERT INTO lgit.om_funding (project_id, year, amount, granted_on) VALUES (:p, 2030, 3600000, '2030-02-03');
RESET lgit.actor;

-- The whole life, as history keeps it; every chain verifies.
SELECT h.seq, h.from_stage, h.to_stage, h.actor, cardinality(h.evidence) AS documents
FROM lgit.history h WHERE h.project_id = :p ORDER BY h.seq;
SELECT count(*) AS problems FROM lgit.verify();

-- The contract construction started on is part of the record: a change is a change order.
SET lgit.actor = 'wjj_huang';
UPDATE lgit.contract SET amount = 50000000 WHERE doc_number = 'LGWJJ-HT-2026-018';
DELETE FROM lgit.contract WHERE doc_number = 'LGWJJ-HT-2026-018';
RESET lgit.actor;
