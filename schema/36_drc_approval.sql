-- The DRC's own acts are records (Art 10, 11, 13): 立项批复, 可研批复 and 概算批复 with the
-- approved estimate, each registered by the DRC before the move it decides and relied on by it
-- (LG135); re-approvals by the body that approved (lgit.reapprove(), Art 13, 23; LG231).
INSERT INTO lgit.document_kind (kind, name_zh, name_en, article, registered_by, qualification) VALUES
('drc_establishment_approval', '区发改部门立项批复',           'DRC approval establishing the project',       '10',     '{drc}',           NULL),
('drc_feasibility_approval',   '区发改部门可行性研究报告批复', 'DRC approval of the feasibility study',       '11',     '{drc}',           NULL),
('drc_design_approval',        '区发改部门初步设计及概算批复', 'DRC approval of the design and estimate',     '13',     '{drc}',           NULL),
('reapproval',                 '重新报批批复',                 're-approval of what was approved',            '13, 23', '{drc,authority}', NULL);

INSERT INTO lgit.rule (code, article_nos, article, severity, title_zh, title_en, quote_zh) VALUES
('LG135', '{10,11,13}', '10, 11, 13', 'error', '发改部门批复未登记', 'DRC approval move without its recorded 批复 (number, date; estimate for the design)',
 '第十条：……区发改部门结合区信息化主管部门出具的审核意见，按程序立项后，列入下一年度区政府投资项目计划。
第十一条：……编制完成后报区信息化主管部门审核，通过后再提交区发改部门审批。
第十三条：项目须按上述规定程序通过专家评审并取得区信息化主管部门审核意见后再提交区发改部门审批。'),
('LG231', '{13,23}', '13, 23', 'error', '已批复的项目要素未经重新报批即被修改', 'a field the approval judged changed without re-approval',
 '第十三条：项目须按上述规定程序通过专家评审并取得区信息化主管部门审核意见后再提交区发改部门审批。
第二十三条：确因国家政策调整和价格上涨等客观情况导致项目预算超过项目总概算的，项目建设单位应按照《龙岗区政府投资项目管理办法》（深龙府规〔 2018〕1号）规定的程序报批。');
