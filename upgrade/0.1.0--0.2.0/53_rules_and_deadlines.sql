-- The rules whose meaning changed with what gates read (Art 11, 16, 26, 30, 34, 47, 48, 50).
-- (The deadlines' changes, the feasibility review clock stopping at the authority's opinion
-- (Art 11) and no performance report for a year ending after completion (Art 22), are in the
-- definitions fragment 10 creates.)
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

