-- The rules whose meaning changed with what gates read (Art 11, 16, 26, 30, 34, 47, 48, 50), and
-- the deadlines: the authority's feasibility review clock stops at its own opinion (Art 11);
-- no performance report for a year that ends after completion (Art 22).
UPDATE lgit.rule SET title_zh = '可行性研究报告缺少必备章节、编制单位无资质或未经审核和专家评审通过', title_en = 'feasibility report lacks a mandatory chapter or a qualified author, or is approved without the authority''s review and the expert review',
  quote_zh = '第十一条：……由项目建设单位委托具有相应资质的咨询机构编制，深度应达到国家相关规定要求且必须包含信息资源共享分析和信息安全的章节，编制完成后报区信息化主管部门审核，通过后再提交区发改部门审批。可行性研究报告经区信息化主管部门正式受理之日起5个工作日内完成审核。'
  WHERE code = 'LG111';
UPDATE lgit.rule SET article_nos = '{34,50}', article = '34, 50', quote_zh = '第三十四条：项目因特殊情况需要终止或取消的，经项目所属行业主管部门审核后，由项目建设单位报分管区领导批准，按相关规定进行审计结算。
第五十条：……对不符合统筹建设和不支持资源共享的……在建项目暂缓拨付建设资金，情节严重的，终止项目……' WHERE code = 'LG340';
UPDATE lgit.rule SET title_zh = '未确定项目实施机构和项目责任人', title_en = 'construction starts without a responsible person and implementing body' WHERE code = 'LG160';
UPDATE lgit.rule SET title_zh = '初步验收缺少通过的自测报告或专家初步验收会', title_en = 'preliminary acceptance without a passing self-test report, or a contract of 10M or more without an approving expert meeting' WHERE code = 'LG260';
UPDATE lgit.rule SET title_zh = '竣工验收前置条件不全', title_en = 'completed without a passed security test, an approved handover audit and an approving expert completion meeting' WHERE code = 'LG300';
UPDATE lgit.rule SET title_zh = '未按要求共享数据：单位不得新建、改建、扩建，该系统不安排运维经费、不予通过验收', title_en = 'data-sharing sanction: the unit proposes, or the sanctioned system draws O&M money or passes acceptance' WHERE code = 'LG470';
UPDATE lgit.rule SET title_zh = '不符合网络安全要求：单位不得新建、改建、扩建，该系统不安排运维经费', title_en = 'security sanction: the unit proposes, or the sanctioned system draws O&M money' WHERE code = 'LG480';

-- The deadlines as the fresh schema defines them (fragment 10 made them for the calendar).
CREATE OR REPLACE VIEW lgit.deadlines AS
SELECT k.project_id, k.obligation, k.article, k.rule_code, k.started_on, k.workdays,
       lgit.add_workdays_provisional(k.started_on, k.workdays) AS due,
       NOT lgit.calendar_covers(k.started_on, lgit.add_workdays_provisional(k.started_on, k.workdays)) AS due_provisional,
       k.responsible
FROM (
    -- Art 11: the authority reviews the feasibility report within 5 working days of accepting it;
    -- its clock stops at its own opinion (the expert review and the DRC's approval are not its time)
    SELECT p.project_id, 'feasibility report review' AS obligation, '11' AS article, NULL::text AS rule_code,
           d.accepted_on AS started_on, lgit.policy_in_force('feasibility_review_workdays', d.accepted_on)::int AS workdays,
           'authority'::lgit.capacity AS responsible
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT accepted_on FROM lgit.document x
                        WHERE x.project_id = p.project_id AND x.kind = 'feasibility_report'
                        ORDER BY x.issued_on DESC, x.document_id DESC LIMIT 1) d
    WHERE p.stage = 'feasibility_submitted' AND d.accepted_on IS NOT NULL
      AND NOT EXISTS (SELECT FROM lgit.document o WHERE o.project_id = p.project_id
                        AND o.kind = 'authority_feasibility_opinion' AND o.issued_on >= d.accepted_on)
    UNION ALL
    -- Art 12: the authority pre-reviews the preliminary design within 5 working days of accepting it
    SELECT p.project_id, 'preliminary design pre-review', '12', NULL,
           d.accepted_on, lgit.policy_in_force('design_prereview_workdays', d.accepted_on)::int,
           'authority'
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT accepted_on FROM lgit.document x
                        WHERE x.project_id = p.project_id AND x.kind = 'preliminary_design'
                        ORDER BY x.issued_on DESC, x.document_id DESC LIMIT 1) d
    WHERE p.stage = 'design_submitted' AND d.accepted_on IS NOT NULL
    UNION ALL
    -- Art 12: and organises the expert review within 5 working days of the pre-review
    SELECT p.project_id, 'preliminary design expert review', '12', NULL,
           h.day, lgit.policy_in_force('design_expert_review_workdays', h.day)::int,
           'authority'
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT (changed_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM lgit.history x
                        WHERE x.project_id = p.project_id AND x.to_stage = 'design_prereviewed'
                        ORDER BY x.seq DESC LIMIT 1) h
    WHERE p.stage = 'design_prereviewed'
    UNION ALL
    -- Art 19: the bid notice and contract are filed within 10 working days of signing
    SELECT c.project_id, 'contract filing ' || coalesce(c.doc_number, c.contractor), '19', 'LG191',
           c.signed_on, lgit.policy_in_force('contract_filing_workdays', c.signed_on)::int,
           'unit'
    FROM lgit.contract c
    WHERE c.filed_on IS NULL
    UNION ALL
    -- Art 28: the authority reports on the security test within 3 working days of the application
    SELECT p.project_id, 'security test report', '28', NULL,
           a.issued_on, lgit.policy_in_force('security_test_report_workdays', a.issued_on)::int,
           'authority'
    FROM lgit.project p
    CROSS JOIN LATERAL (SELECT issued_on FROM lgit.document x
                        WHERE x.project_id = p.project_id AND x.kind = 'security_test_application'
                        ORDER BY x.issued_on DESC, x.document_id DESC LIMIT 1) a
    WHERE p.stage = 'final_accepted'
    UNION ALL
    -- Art 36: the surplus is returned within 30 working days of the audit conclusion
    SELECT f.project_id, 'surplus return', '35, 36', 'LG360',
           f.audit_concluded_on, lgit.policy_in_force('surplus_return_workdays', f.audit_concluded_on)::int,
           'unit'
    FROM lgit.final_accounts f
    WHERE f.surplus > 0 AND f.surplus_returned_on IS NULL
) k;

CREATE OR REPLACE FUNCTION lgit.overdue_on(as_of date)
RETURNS TABLE (project_id bigint, project_code text, unit text, obligation text, article text,
               rule_code text, due date, workdays_late int, responsible lgit.capacity,
               provisional boolean, computed_on date)
LANGUAGE sql STABLE
AS $$
  WITH clock AS (
    SELECT project_id, obligation, article, rule_code, due, responsible, due_provisional FROM lgit.deadlines
  ),
  construction AS (
    -- the construction period: from the first entry into construction to completion, termination
    -- or as_of, whichever comes first
    SELECT p.project_id,
           min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date) FILTER (WHERE h.to_stage = 'construction') AS began,
           coalesce(min((h.changed_at AT TIME ZONE 'Asia/Shanghai')::date)
                      FILTER (WHERE h.to_stage IN ('completed', 'terminated')), as_of) AS ended
    FROM lgit.project p JOIN lgit.history h USING (project_id)
    WHERE p.stage >= 'construction' OR p.stage = 'suspended' OR p.stage = 'terminated'
    GROUP BY p.project_id
  ),
  periodic AS (
    -- Art 20: a progress-and-funds report in every month of construction, due by the month's end
    SELECT c.project_id, 'progress report ' || to_char(m, 'YYYY-MM') AS obligation, '20' AS article,
           'LG200' AS rule_code, (m + interval '1 month' - interval '1 day')::date AS due,
           'unit'::lgit.capacity AS responsible, false AS due_provisional
    FROM construction c
    CROSS JOIN LATERAL generate_series(date_trunc('month', c.began), date_trunc('month', c.ended), interval '1 month') AS m
    WHERE c.began IS NOT NULL
      AND NOT EXISTS (SELECT FROM lgit.document x
                      WHERE x.project_id = c.project_id AND x.kind = 'progress_report'
                        AND date_trunc('month', x.issued_on) = m)
    UNION ALL
    -- Art 22: a performance evaluation report before the end of every year of construction (建设期内:
    -- not for a year that ends after completion or termination)
    SELECT c.project_id, 'performance report ' || y, '22', 'LG220', make_date(y, 12, 31), 'unit', false
    FROM construction c
    CROSS JOIN LATERAL generate_series(extract(year FROM c.began)::int, extract(year FROM c.ended)::int) AS y
    WHERE c.began IS NOT NULL AND make_date(y, 12, 31) <= c.ended
      AND NOT EXISTS (SELECT FROM lgit.document x
                      WHERE x.project_id = c.project_id AND x.kind = 'performance_report'
                        AND extract(year FROM x.issued_on) = y)
  )
  SELECT o.project_id, p.code, u.name_zh, o.obligation, o.article, o.rule_code, o.due,
         lgit.workdays_between_provisional(o.due, as_of), o.responsible,
         o.due_provisional OR NOT lgit.calendar_covers(o.due, as_of), as_of
  FROM (SELECT * FROM clock UNION ALL SELECT * FROM periodic) o
  JOIN lgit.project p USING (project_id)
  JOIN lgit.unit u ON u.unit_id = p.unit_id
  WHERE o.due < as_of AND lgit.workdays_between_provisional(o.due, as_of) > 0
    -- once per call, not per row: the warning before (or after) the calendar's end
    AND lgit.calendar_warning(as_of)
$$;
