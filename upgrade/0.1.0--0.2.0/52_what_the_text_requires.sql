-- Art 14, 24, 29, 34, 38: what the text does not require is no longer required.
-- A higher-level project goes from established to procurement without the district's
-- feasibility and design approvals; a unit withdraws its own never-proposed draft; a change
-- may have another special reason (the list ends with 等); the ownership clause is for
-- software-development contracts.  Existing contracts are not marked: an application
-- project's contracts count as software development whatever the column says.
INSERT INTO lgit.stage_edge (from_stage, to_stage, capacities, kind, condition, origin_of, reason_required, article)
VALUES ('established', 'procurement', '{unit}', 'forward', 'superior_funded', NULL, false, '14');
UPDATE lgit.stage_edge SET capacities = '{unit,leader}' WHERE from_stage = 'draft' AND to_stage = 'terminated';

ALTER TABLE lgit.contract ADD COLUMN software_development boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN lgit.contract.software_development IS 'Art 38: a software-development contract (软件开发类), which must carry the ownership clause (LG380); a contract of an application project (category application, 应用系统软件开发) is one whatever this says. It also makes the project a custom development whose source code is uploaded (Art 29, LG291).';
COMMENT ON COLUMN lgit.project.custom_development IS 'Art 29: the unit declares custom software development. It can only add to what the project is: an application project (应用系统软件开发) or one with a software-development contract is a custom development whatever this says, and only the authority''s source_code_exemption (an off-the-shelf product) lifts the source code upload (LG291).';
COMMENT ON TABLE lgit.change_order IS
  'Art 23, 24: a change (技术更新, 设备停产, 兼容性, 上级文件要求, 业务调整, 政策调整, 价格上涨, or another special situation: the article''s list ends with 等, so ''other'' with its description is accepted) confirmed by design, supervision and contractor. The cumulative absolute change against the contract price is tracked, so splitting a change does not stay under change_review_ratio: over it the authority''s review is required (LG240); a budget over the approved estimate needs re-approval (LG230). Changes are never altered or removed; a correction is another change.';
ALTER TABLE lgit.change_order DROP CONSTRAINT change_order_reason_category_check;
ALTER TABLE lgit.change_order ADD CONSTRAINT change_order_reason_category_check CHECK (reason_category IN
    ('technology_update', 'equipment_discontinued', 'compatibility', 'higher_level_requirement',
     'business_adjustment', 'policy_adjustment', 'price_increase', 'other'));
