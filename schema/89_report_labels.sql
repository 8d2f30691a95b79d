-- Labels for reporting tools: every column of every report view gets a comment in Chinese and
-- English, and every report view a copy under its Chinese name whose columns carry the Chinese
-- labels (lgit.项目台账 is lgit.project_register with 项目编号, 项目名称 ...), for exports a
-- district hands on as they are.  The naming scheme is one dictionary: a column name means the
-- same in every view (project_code is always 项目编号), so a tool that joins two reports finds
-- the same names, and a view whose column is missing from the dictionary fails the install.
-- The copies select from the English views, so they show the same rows to the same reader.
DO $$
DECLARE
  report record;
  col record;
  select_list text;
  zh_name text;
  labels constant jsonb := $labels$ {
    "actual": ["实际值", "the unit's figure for the measure"],
    "allowed_workdays": ["时限工作日", "working days allowed by the policy in force on the start day"],
    "approved_estimate": ["批复概算", "the estimate the DRC approved last (总概算, CNY, Art 13, 23): its design approval or a re-approval stating one"],
    "approvals": ["审批数", "approvals by the DRC (establishment, feasibility, design and estimate)"],
    "approvals_suspended": ["暂缓审批", "whether the unit's later approvals are suspended today (暂缓)"],
    "article": ["条款", "article of the measures"],
    "build_type": ["建设类型", "new, expansion or upgrade (Art 2)"],
    "calendar_provisional": ["日历待定", "true when the working-day figures need a year whose calendar is not loaded yet"],
    "category": ["项目类别", "category of Art 2"],
    "category_ordinal": ["类别序号", "position of the category in the list of Art 2, for sorting"],
    "change_abs_total": ["变更绝对额合计", "sum of the absolute amounts of the change orders (CNY), as Art 24 counts them"],
    "change_orders": ["变更次数", "number of change orders"],
    "change_ratio": ["累计变更比例", "cumulative absolute changes over the contract price (Art 24)"],
    "change_total": ["变更金额合计", "signed sum of the change orders (CNY)"],
    "completed": ["已竣工项目数", "projects completed"],
    "completed_on": ["竣工日期", "day the project was first completed (Art 30)"],
    "construction_on": ["开工日期", "day the project first entered construction"],
    "contract_amount": ["合同金额", "contract price (CNY)"],
    "contract_amount_with_changes": ["含变更合同金额", "contract price plus the signed changes (CNY)"],
    "contract_id": ["合同ID", "contract identifier"],
    "contract_number": ["合同编号", "the contract's document number"],
    "contract_total": ["合同总额", "sum of the contract prices (CNY)"],
    "contracted_on": ["签约日期", "day the project first reached contract signed"],
    "contractor": ["承建单位", "contractor"],
    "contracts": ["合同数", "number of contracts"],
    "contracts_signed": ["签订合同数", "contracts signed"],
    "created_on": ["创建日期", "day the project was filed in lgit"],
    "deadlines_due": ["到期时限数", "deadlines falling due in the year that are met, met late or missed"],
    "deadlines_met": ["按时完成数", "deadlines met on time"],
    "deadlines_met_late": ["逾期完成数", "deadlines met late"],
    "deadlines_met_share": ["按时完成率", "share of the deadlines due that were met on time (0-1)"],
    "deadlines_missed": ["逾期未完成数", "deadlines missed: past due and not done"],
    "design_approved_on": ["概算批复日期", "day the design and estimate were first approved (Art 13)"],
    "direction": ["目标方向", "at_least or at_most the target"],
    "district_funds": ["区政府资金", "district government funds, the four district sources (CNY, Art 3)"],
    "doc_number": ["文号", "document number"],
    "done_on": ["完成日期", "day the obligation was done"],
    "due_on": ["到期日", "last day the obligation is on time"],
    "entries": ["进入次数", "times projects entered the stage"],
    "established_on": ["立项日期", "day the project was first established (Art 10, 14)"],
    "feasibility_approved_on": ["可研批复日期", "day the feasibility study was first approved (Art 11)"],
    "filed_on": ["备案日期", "day the authority accepted the filing (Art 19)"],
    "final_accepted_on": ["终验日期", "day of the first contract final acceptance (Art 27)"],
    "finished_by": ["办结人", "the person whose move ended the review"],
    "finished_on": ["办结日期", "day the file left the authority's review"],
    "finished_to": ["办结去向", "the stage the file moved to, or the document that ended the review (the authority's opinion, Art 11)"],
    "fund_general_budget": ["一般公共预算资金", "区级一般公共预算资金 (CNY, Art 3)"],
    "fund_government_bonds": ["政府债券", "government bonds (CNY, Art 3)"],
    "fund_other_government": ["其他政府性资金", "other government funds for informatization (CNY, Art 3)"],
    "fund_social_capital": ["社会资金", "social capital (CNY, Art 15)"],
    "fund_superior": ["上级拨付资金", "funds from the state, province or city (CNY, Art 14)"],
    "fund_unit_self_raised": ["单位自筹", "funds raised by the unit (CNY, Art 3)"],
    "held_by_capacity": ["承办方", "the capacity that held the file"],
    "implementing_body": ["项目实施机构", "implementing body (Art 16)"],
    "in_delivery": ["在建项目数", "projects from construction to handover verified"],
    "investment_established": ["立项投资额", "total investment of the projects established (CNY, today's figures)"],
    "issued_on": ["下达日期", "day the order was issued"],
    "max_change_ratio": ["最高变更比例", "highest cumulative change ratio among the project's contracts (Art 24)"],
    "measure": ["考评指标", "measure of the assessment"],
    "met": ["是否达标", "whether the target is met"],
    "month": ["月份", "month (its first day, Shenzhen time)"],
    "obligation": ["事项", "the obligation"],
    "order_id": ["整改通知ID", "rectification order identifier"],
    "overdue_items": ["逾期事项数", "late items today (lgit.overdue)"],
    "paid_amount": ["拨付金额", "amount of the payments requested (CNY, Art 31)"],
    "paid_share": ["拨付比例", "paid total over the total investment (0-1)"],
    "paid_total": ["已拨付金额", "payments requested under the contracts (CNY, Art 31)"],
    "payable_total": ["可拨付金额", "scheduled amounts of the stages the project has reached (CNY, Art 31)"],
    "payments": ["拨付次数", "number of payments"],
    "performance_reports_filed": ["绩效报告数", "performance evaluation reports filed in the year (Art 22)"],
    "plan_year": ["计划年度", "plan year"],
    "progress_reports_filed": ["进度月报数", "monthly progress and funds reports filed in the year (Art 20)"],
    "project_code": ["项目编号", "project code"],
    "project_codes": ["项目编号清单", "codes of the projects"],
    "project_id": ["项目ID", "project identifier"],
    "project_name": ["项目名称", "project name"],
    "projects": ["项目数", "number of projects"],
    "projects_completed": ["年末已竣工", "projects completed at the year's end"],
    "projects_established": ["立项项目数", "projects established (first time)"],
    "projects_in_delivery": ["年末在建", "projects from construction to handover verified at the year's end"],
    "projects_preparing": ["年末前期", "projects before construction at the year's end"],
    "projects_suspended": ["年末暂缓", "projects suspended at the year's end"],
    "projects_terminated": ["年末终止", "projects terminated at the year's end"],
    "proposed_on": ["申报日期", "day the project was first proposed (Art 10)"],
    "recorded_on": ["登记日期", "day the list was recorded"],
    "rectification_orders": ["整改通知数", "rectification orders of the year (Art 49)"],
    "rectification_sanctions": ["拒不整改处理数", "refused_rectification sanctions imposed in the year (Art 49)"],
    "rectified_on": ["整改完成日期", "day the unit rectified"],
    "requirement": ["整改要求", "what the unit must rectify"],
    "responsible_person": ["项目责任人", "responsible person (Art 16)"],
    "results_registered": ["成果登记数", "results registered in the year (Art 39)"],
    "review": ["审核事项", "the review"],
    "review_zh": ["审核事项（中文）", "the review, in Chinese"],
    "rule_code": ["规则编号", "lgit rule code (SQLSTATE)"],
    "sanction_id": ["处理ID", "sanction identifier"],
    "sanctions_imposed": ["处理数", "sanctions imposed in the year"],
    "sanctions_in_force": ["生效处理数", "sanctions in force today"],
    "scheduled_total": ["计划拨付金额", "payment schedule total (CNY, Art 31)"],
    "security_sanctions": ["安全处理数", "security sanctions imposed in the year (Art 48)"],
    "sent_by": ["发送人", "the person who sent the list"],
    "sent_on": ["发送日期", "day the list was sent to finance"],
    "sharing_sanctions": ["共享处理数", "data-sharing sanctions imposed in the year (Art 47, 50)"],
    "signed_on": ["签订日期", "day the contract was signed"],
    "stage": ["阶段", "lifecycle stage"],
    "stage_en": ["阶段（英文）", "stage, English label"],
    "stage_ordinal": ["阶段序号", "position of the stage in the lifecycle, for sorting (draft = 1)"],
    "stage_zh": ["阶段名称", "stage, Chinese label"],
    "started_on": ["起算日期", "day the clock started"],
    "status": ["状态", "status"],
    "status_ordinal": ["状态序号", "position of the status (met, met_late, missed, open), for sorting"],
    "suspended_on": ["暂缓日期", "day of the first suspension"],
    "suspension_lifted_on": ["暂缓解除日期", "first day the suspension no longer applies"],
    "target": ["目标值", "the target the authority set"],
    "terminated": ["已终止项目数", "projects terminated"],
    "terminated_on": ["终止日期", "day the project was terminated (Art 34)"],
    "total_investment": ["总投资", "total investment, all sources (CNY)"],
    "unit_code": ["单位编码", "unit code"],
    "unit_en": ["单位（英文）", "unit, English name"],
    "unit_id": ["单位ID", "unit identifier"],
    "unit_zh": ["建设单位", "unit (street or department)"],
    "units": ["单位数", "number of units"],
    "violations": ["违规数", "rules broken now (lgit.violations)"],
    "workdays_late": ["逾期工作日", "working days late"],
    "workdays_taken": ["用时工作日", "working days the review took (or has taken so far)"],
    "year": ["年度", "year"]
  } $labels$;
BEGIN
  FOR report IN SELECT * FROM (VALUES
      ('stage_order', '阶段维度'), ('pipeline', '项目储备与资金'), ('unit_scorecard', '单位记分卡'),
      ('project_register', '项目台账'), ('contract_funds', '合同资金执行'), ('project_funds', '项目资金执行'),
      ('unit_funds', '单位资金执行'), ('om_lists_sent', '运维清单发送记录'),
      ('monthly_stage_entries', '月度阶段进入'), ('monthly_investment', '月度投资'),
      ('unit_deadlines', '单位时限履行'), ('review_turnaround', '审核时效'),
      ('rectification_status', '整改通知'), ('annual_assessment', '年度绩效考评'),
      ('assessment_vs_target', '考评目标对照')) AS r(view_name, name_zh) LOOP
    select_list := NULL;
    FOR col IN SELECT a.attname FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = format('lgit.%I', report.view_name)::regclass AND a.attnum > 0 AND NOT a.attisdropped
               ORDER BY a.attnum LOOP
      IF NOT labels ? col.attname THEN
        RAISE EXCEPTION 'lgit: column %.% has no label in 89_report_labels.sql', report.view_name, col.attname;
      END IF;
      zh_name := labels -> col.attname ->> 0;
      EXECUTE format('COMMENT ON COLUMN lgit.%I.%I IS %L', report.view_name, col.attname,
                     zh_name || ' / ' || (labels -> col.attname ->> 1));
      select_list := concat_ws(', ', select_list, format('%I AS %I', col.attname, zh_name));
    END LOOP;
    EXECUTE format('CREATE VIEW lgit.%I AS SELECT %s FROM lgit.%I', report.name_zh, select_list, report.view_name);
    EXECUTE format('COMMENT ON VIEW lgit.%I IS %L', report.name_zh,
                   format('lgit.%s with Chinese column names, for export. ', report.view_name)
                   || obj_description(format('lgit.%I', report.view_name)::regclass, 'pg_class'));
    -- the copy's columns carry the same comments as the originals
    FOR col IN SELECT a.attname, a.attnum FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = format('lgit.%I', report.name_zh)::regclass AND a.attnum > 0 ORDER BY a.attnum LOOP
      EXECUTE format('COMMENT ON COLUMN lgit.%I.%I IS %L', report.name_zh, col.attname,
                     col_description(format('lgit.%I', report.view_name)::regclass, col.attnum));
    END LOOP;
  END LOOP;
END
$$;
