-- The rule catalog: every rule code of doc/lgit.md §4.  The code is also the SQLSTATE raised
-- (class LG, the article in two digits, an index), so applications map codes to screens.

CREATE TABLE lgit.rule (
  code        text   PRIMARY KEY CHECK (code ~ '^LG[0-9]{3}$'),
  article_nos int[]  NOT NULL,
  article     text   NOT NULL,
  severity    text   NOT NULL CHECK (severity IN ('error', 'warning')),
  title_zh    text   NOT NULL,
  title_en    text   NOT NULL,
  quote_zh    text
);
COMMENT ON TABLE lgit.rule IS
  'Every rule lgit enforces or reports (doc/lgit.md §4). code is the SQLSTATE raised; quote_zh is the passage of the measures that error details quote (full text in lgit.article).';
COMMENT ON COLUMN lgit.rule.code IS 'Rule code and SQLSTATE: LG + article number in two digits + index; LG000-LG009 belong to the lifecycle engine.';
COMMENT ON COLUMN lgit.rule.article_nos IS 'Articles of the measures the rule enforces (empty for engine rules).';
COMMENT ON COLUMN lgit.rule.article IS 'The articles as written in doc/lgit.md §4, e.g. ''2, 3'' or ''37–39''.';
COMMENT ON COLUMN lgit.rule.severity IS 'error: the write is refused; warning: reported (overdue) and refused only where the article says so.';
COMMENT ON COLUMN lgit.rule.quote_zh IS 'The words of the articles quoted in error details; …… marks an omission.';

INSERT INTO lgit.rule (code, article_nos, article, severity, title_zh, title_en, quote_zh) VALUES
('LG000', '{}', '—', 'error', '阶段变更不在生命周期图中', 'stage change is not an edge of the lifecycle', NULL),
('LG001', '{4}', '4', 'error', '行为人无此身份或越权代理其他单位', 'actor lacks the capacity for this write or acts for another unit',
 '第四条：……区智慧城区工作领导小组下设办公室，设在区政务服务数据管理局，为区信息化主管部门，负责全区信息化项目的统筹规划、方案审核备案、绩效评估；……各街道和各部门在全区统一的政务网络上，分别负责各自业务范围内信息系统的建设和管理。'),
('LG002', '{21}', '21', 'error', '历史记录或备案资料被修改或删除', 'history or a filed record altered or deleted',
 '第二十一条：项目建设单位应当按照国家有关档案管理的规定，做好项目档案管理。项目档案应及时在龙岗区信息化项目全流程系统中提交备案。'),
('LG003', '{}', '—', 'error', '退回、暂缓或终止未说明理由', 'return, suspension or termination without a reason', NULL),
('LG009', '{}', '—', 'warning', '工作日日历未载入或即将到期，期限暂按周一至周五计算', 'working-day calendar not loaded or ending: a deadline is provisional', NULL),
('LG020', '{2,3}', '2, 3', 'error', '项目不属于本办法适用范围', 'project out of scope enters the lifecycle',
 '第二条：全额或部分利用区政府资金投资50万元以上（含50万元）的信息化项目适用本办法。……信息系统日常的运行维护和单纯设备购置的项目，不适用本办法。
第三条：本办法所称的区政府资金包括区级一般公共预算资金、政府债券、单位自筹和其他用于信息化建设的政府性资金。'),
('LG090', '{8,9}', '8, 9', 'error', '项目未列入已备案的专项规划', 'proposed outside a filed special plan of the unit',
 '第八条：各街道、各部门根据全区信息化建设总体规划和本街道、本部门实际，统筹规划本单位信息化建设，制定信息化建设专项规划，报区信息化主管部门备案……
第九条：未列入本街道、本部门信息化建设规划的项目，原则上不安排财政资金，因特殊需要的项目，经区政府有关会议审议通过后，可纳入本单位的信息化建设规划，按本办法规定的程序报批。'),
('LG100', '{10}', '10', 'error', '立项申请报告或项目建议书内容不全', 'proposal lacks a required part',
 '第十条：……立项申请报告或项目建议书应当对本单位的信息化现状和存在的问题、项目建设的必要性和依据、经济效益和社会效益、建设目标、主要建设内容以及本单位政务信息系统整合共享计划、拟建地点、拟建规模、建设时序、投资匡算、资金使用、运营（运维）方案等作出说明，并提供项目申请单位班子研究情况等相关会议纪要。'),
('LG101', '{10}', '10', 'error', '1000万元以上项目未经分管区领导专题会议审议', 'total of 10M or more proposed without the district leader''s special meeting',
 '第十条：……总投资金额1000万以上的新动议项目需经项目建设单位分管区领导召开专题会议审议通过后再报区信息化主管部门审核。'),
('LG102', '{10,13}', '10, 13', 'error', '立项缺少主管部门审核意见', 'established without the authority''s approving opinion',
 '第十条：……报区信息化主管部门对项目的实施必要性、技术可行性、经济合理性以及资金安排科学性等方面进行审核并出具审核意见，区发改部门结合区信息化主管部门出具的审核意见，按程序立项后，列入下一年度区政府投资项目计划。
第十三条：项目须按上述规定程序通过专家评审并取得区信息化主管部门审核意见后再提交区发改部门审批。'),
('LG110', '{11}', '11', 'error', '可行性研究报告程序与总投资不符', 'feasibility study path does not match the total investment',
 '第十一条：总投资5000万元以上（含5000万元）的项目，应当编制可行性研究报告……可行性研究报告审批通过后，建设单位按照本办法第十二条开展初步设计方案及概算的编制和评审工作。'),
('LG111', '{11}', '11', 'error', '可行性研究报告缺少必备章节、编制单位无资质或未经审核和专家评审通过', 'feasibility report lacks a mandatory chapter or a qualified author, or is approved without the authority''s review and the expert review',
 '第十一条：……由项目建设单位委托具有相应资质的咨询机构编制，深度应达到国家相关规定要求且必须包含信息资源共享分析和信息安全的章节，编制完成后报区信息化主管部门审核，通过后再提交区发改部门审批。可行性研究报告经区信息化主管部门正式受理之日起5个工作日内完成审核。'),
('LG120', '{12}', '12', 'error', '初步设计方案及概算内容不全或编制单位无资质', 'preliminary design lacks a required part or a qualified author',
 '第十二条：信息化项目应当编制初步设计方案及概算，由项目建设单位委托具有相应资质的咨询机构编制……初步设计方案及概算应明确项目验收的方式和内容，明确项目实施所必须投入的技术人员构成、工作时间并制定详细实施计划，必须包含信息资源共享分析和信息安全的章节……'),
('LG121', '{12}', '12', 'error', '设备采购报价不足3家', 'equipment purchase with fewer than 3 market quotes',
 '第十二条：……其中涉及设备采购的，应先开展市场询价并取得不少于3家机构报价清单。'),
('LG130', '{13}', '13', 'error', '发改审批前缺少专家评审结论或主管部门审核意见', 'design approved without expert conclusion and authority opinion',
 '第十三条：项目须按上述规定程序通过专家评审并取得区信息化主管部门审核意见后再提交区发改部门审批。'),
('LG140', '{14}', '14', 'error', '上级统筹项目未备案上级批复', 'higher-level project established without the higher approval filed',
 '第十四条：属于国家、省、市统筹安排并拨付资金建设的项目，建设单位在向上级有关单位办理申报立项后，需将项目资料报送区信息化主管部门备案，并积极落实系统互通和数据共享工作。'),
('LG160', '{16}', '16', 'error', '未确定项目实施机构和项目责任人', 'construction starts without a responsible person and implementing body',
 '第十六条：……项目建设单位应确定项目实施机构和项目责任人，并建立健全项目管理制度……'),
('LG180', '{18}', '18', 'error', '无具备资质的监理单位即开工', 'construction without a qualified supervisor',
 '第十八条：项目实行监理制度。……监理单位应具有相应资质。'),
('LG190', '{19}', '19', 'error', '合同缺少验收方式和内容条款', 'contract lacks the acceptance clause',
 '第十九条：……承建合同条款应包含项目验收的方式和内容。'),
('LG191', '{19}', '19', 'warning', '合同签订后10个工作日内未备案', 'contract or bid notice not filed within 10 working days',
 '第十九条：……项目建设单位与承建单位签订合同后10个工作日内将中标通知书、合同复印件报区信息化主管部门备案。'),
('LG200', '{20}', '20', 'warning', '未按月报送进度和资金使用情况', 'a month of construction without a progress-and-funds report',
 '第二十条：……项目建设单位应按月向区信息化主管部门报送项目进度和资金使用情况。'),
('LG210', '{21}', '21', 'error', '档案未提交或验收不合格', 'acceptance with archives not filed or not accepted',
 '第二十一条：……项目档案应及时在龙岗区信息化项目全流程系统中提交备案。未提交档案或者档案验收不合格的，不予通过项目验收。'),
('LG220', '{22}', '22', 'warning', '建设期年底前未提交绩效评价报告', 'construction year ended without the performance evaluation report',
 '第二十二条：项目建设单位应当对项目绩效目标情况进行评价，并征求有关项目使用单位和监理单位的意见，形成项目绩效评价报告，在建设期内每年年底前向区信息化主管部门提交。'),
('LG230', '{23}', '23', 'error', '预算超概算未重新报批', 'budget over the approved estimate without re-approval',
 '第二十三条：确因国家政策调整和价格上涨等客观情况导致项目预算超过项目总概算的，项目建设单位应按照《龙岗区政府投资项目管理办法》（深龙府规〔 2018〕1号）规定的程序报批。'),
('LG240', '{24}', '24', 'error', '累计变更超过合同价10%未经主管部门审核', 'cumulative changes over 10% of the contract price without authority review',
 '第二十四条：……由项目建设单位组织设计、监理、承建等单位共同确认后实施，累计变更金额超过合同价10%时报区信息化主管部门审核后方可实施。'),
('LG260', '{26}', '26', 'error', '初步验收缺少通过的自测报告或专家初步验收会', 'preliminary acceptance without a passing self-test report, or a contract of 10M or more without an approving expert meeting',
 '第二十六条：在承建单位完成合同约定的内容后，项目建设单位组织承建单位、监理单位开展自行检测并形成项目自测报告。……合同金额1000万（含）以上的项目，项目建设单位应组织专家初步验收会。'),
('LG270', '{27}', '27', 'error', '合同终验缺少第三方测评报告', 'final acceptance without a qualified third-party test report',
 '第二十七条：……试运行过程中，项目建设单位应聘请具有信息系统工程测评资质的单位对项目进行第三方验收测评。测评单位出具项目第三方测评报告，作为项目合同终验的依据。'),
('LG280', '{28}', '28', 'error', '安全测试报告覆盖不全', 'security test report does not cover host, application, database and baseline',
 '第二十八条：……区信息化主管部门依据网络安全合规要求，主要对信息系统的主机层、应用层、数据库层及安全基线开展安全测试并于3个工作日内出具安全测试报告。'),
('LG290', '{29}', '29', 'error', '业务数据未全量实时共享', 'handover without full real-time data sharing in place',
 '第二十九条：……项目产生的业务数据必须全量实时共享到区信息化主管部门，并提供访问数据库的权限（只读账号和密码）、访问数据库的链接、数据结构文档（数据库、文件的详细定义和说明文件）。'),
('LG291', '{29}', '29', 'error', '定制开发源代码未上传区政务软件开发云平台', 'custom source code not uploaded to the district development cloud',
 '第二十九条：……定制化开发软件的系统源代码必须上传到区政务软件开发云平台进行移交。'),
('LG300', '{30}', '30', 'error', '竣工验收前置条件不全', 'completed without a passed security test, an approved handover audit and an approving expert completion meeting',
 '第三十条：通过上线安全测试和业务数据共享、软件系统源代码移交审核后，项目建设单位应组织专家竣工验收会……未通过竣工验收的信息系统不得投入正式运行。'),
('LG310', '{31}', '31', 'error', '资金申请超出合同支付进度或合同未备案', 'payment beyond the contract schedule or before the contract is filed',
 '第三十一条：项目建设单位按照合同约定的支付进度和区信息化主管部门备案情况申请资金计划……'),
('LG320', '{32,47,48}', '32, 47, 48', 'error', '未完成竣工验收备案不得下达运维经费', 'O&M money without completion acceptance on file',
 '第三十二条：……区财政部门对于未完成项目竣工验收备案的项目不下达项目运维经费。
第四十七条：……对于未按要求共享数据资源的政务信息系统，不安排运维经费……
第四十八条：……对于不符合网络安全要求，或者存在重大安全隐患的信息系统，不安排运维经费……'),
('LG330', '{33}', '33', 'error', '前一期项目未通过竣工验收', 'phase proposed while its previous phase is not completed',
 '第三十三条：对于具有连续性的分期项目，建设单位申报的前一期项目未通过竣工验收的，区信息化主管部门原则上不批准下一期项目的申报及建设。'),
('LG340', '{34,50}', '34, 50', 'error', '终止未经行业主管部门审核和分管区领导批准', 'terminated without industry review and district leader approval',
 '第三十四条：项目因特殊情况需要终止或取消的，经项目所属行业主管部门审核后，由项目建设单位报分管区领导批准，按相关规定进行审计结算。
第五十条：……对不符合统筹建设和不支持资源共享的……在建项目暂缓拨付建设资金，情节严重的，终止项目……'),
('LG360', '{35,36}', '35, 36', 'warning', '结余资金未在30个工作日内上缴', 'surplus not returned within 30 working days',
 '第三十五条：项目建设单位应在项目竣工后聘请第三方造价咨询公司出具竣工结（决）算报告……
第三十六条：……建设资金有结余的，项目建设单位应当于项目竣工决算报告审核结论出具后30个工作日内，按照有关规定办理结余资金上缴手续。'),
('LG380', '{37,38,39}', '37–39', 'error', '成果归属未约定或成果未入库', 'ownership clause missing or results not registered',
 '第三十八条：……对于软件开发类项目，签订的合同条款应约定系统开发源代码和产生的数据等归项目建设单位所有。……
第三十九条：项目建设完成后，建设单位应将项目成果及时报区信息化主管部门，形成全区信息化成果库。'),
('LG420', '{42}', '42', 'error', '自行采购政务云设备或未经审批采购安全设备', 'unit buys government-cloud equipment or unapproved security equipment',
 '第四十二条：区信息化主管部门不批准各街道、各部门自行采购政务云平台相关设备……因街道或部门确有采购网络和信息安全相关设备需求且区统一政务平台不能满足的，由区信息化主管部门审批同意后，项目建设单位方可购置。'),
('LG430', '{43}', '43', 'error', '接入政务网设备未登记', 'device on the government network not registered',
 '第四十三条：各街道、各部门另行购置的需接入政务网的相关设备应及时报送区信息化主管部门进行登记、入库、分类管理。'),
('LG450', '{45}', '45', 'error', '质保期低于2年', 'contract warranty under 24 months',
 '第四十五条：项目建设单位与承建单位所订立的合同中应当约定项目的质保期，质保期不低于2年，质保期内免费提供维保及系统升级服务。'),
('LG470', '{47,50}', '47, 50', 'error', '未按要求共享数据：单位不得新建、改建、扩建，该系统不安排运维经费、不予通过验收', 'data-sharing sanction: the unit proposes, or the sanctioned system draws O&M money or passes acceptance',
 '第四十七条：……对于未按要求共享数据资源的政务信息系统，不安排运维经费，项目建设单位不得新建、改建、扩建政务信息系统。
第五十条：……对不符合统筹建设和不支持资源共享的，新建项目不予审批建设；在建项目暂缓拨付建设资金，情节严重的，终止项目；已建成项目不予通过验收，暂停拨付运维资金。'),
('LG480', '{48}', '48', 'error', '不符合网络安全要求：单位不得新建、改建、扩建，该系统不安排运维经费', 'security sanction: the unit proposes, or the sanctioned system draws O&M money',
 '第四十八条：……对于不符合网络安全要求，或者存在重大安全隐患的信息系统，不安排运维经费，项目建设单位不得新建、改建、扩建政务信息系统。'),
('LG490', '{49}', '49', 'error', '拒不整改单位的后续项目暂缓审批', 'unit that refused rectification has a project approved',
 '第四十九条：……对没有实现项目建设绩效目标的，区信息化主管部门督促建设单位限期整改；对拒不整改的，区发改部门和区信息化主管部门暂缓其后续项目的审批。'),
('LG501', '{50}', '50', 'error', '不支持资源共享单位的在建项目暂缓拨付建设资金', 'construction funds paid while the unit is under a data-sharing sanction',
 '第五十条：……对不符合统筹建设和不支持资源共享的，新建项目不予审批建设；在建项目暂缓拨付建设资金，情节严重的，终止项目；已建成项目不予通过验收，暂停拨付运维资金。');
