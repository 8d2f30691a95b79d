-- Types shared by every part of lgit.

COMMENT ON SCHEMA lgit IS
  'lgit: the Longgang District Informatization Project Management Measures (龙岗区信息化项目管理办法), enforced by the database.';

CREATE TYPE lgit.stage AS ENUM (
  'draft',                 -- 草拟
  'proposed',              -- 已申报（立项申请报告/项目建议书）, Art 10
  'proposal_approved',     -- 主管部门审核通过, Art 10
  'established',           -- 发改立项, Art 10
  'feasibility_submitted', -- 可行性研究报告报审, Art 11
  'feasibility_approved',  -- 可研审核通过并经发改审批, Art 11
  'design_submitted',      -- 初步设计方案及概算报预审, Art 12
  'design_prereviewed',    -- 主管部门预审通过, Art 12
  'design_reviewed',       -- 专家评审完成，主管部门出具审核意见, Art 12
  'design_approved',       -- 发改审批（概算核定）, Art 13
  'procurement',           -- 招标采购, Art 17
  'contracted',            -- 合同签订, Art 19
  'construction',          -- 建设实施, Art 16-24
  'self_tested',           -- 自行检测通过, Art 26
  'trial_operation',       -- 合同初步验收通过，试运行, Art 26, 27
  'final_accepted',        -- 合同终验, Art 27
  'security_tested',       -- 上线安全测试通过, Art 28
  'handover_verified',     -- 数据共享与源代码移交审核通过, Art 29
  'completed',             -- 竣工验收合格，正式上线运行, Art 30
  'suspended',             -- 暂缓（资金暂停拨付）, Art 49, 50
  'terminated'             -- 终止/取消, Art 34, 50
);
COMMENT ON TYPE lgit.stage IS
  'Lifecycle stage of a project (doc/lgit.md §3), declared in lifecycle order so that stage >= ''construction'' reads naturally. Labels: lgit.stage_info.';

CREATE TYPE lgit.capacity AS ENUM (
  'unit', 'authority', 'drc', 'finance', 'leader', 'audit', 'expert'
);
COMMENT ON TYPE lgit.capacity IS
  'The role in which an actor acts (doc/lgit.md §2): 项目建设单位, 区信息化主管部门, 区发改部门, 区财政部门, 分管区领导/区政府有关会议, 区审计部门, 评审/验收专家.';

CREATE TYPE lgit.unit_kind AS ENUM (
  'street', 'department', 'authority', 'drc', 'finance', 'audit', 'government'
);
COMMENT ON TYPE lgit.unit_kind IS
  'Kind of organisation: 街道, 部门, 区信息化主管部门 (区政务服务数据管理局), 区发改部门, 区财政部门, 区审计部门, 区政府 (区领导与区政府有关会议).';

CREATE TYPE lgit.project_category AS ENUM (
  'infrastructure', 'application', 'data_resources', 'security',
  'integration', 'research', 'om_only', 'equipment_only'
);
COMMENT ON TYPE lgit.project_category IS
  'Art 2 categories: 信息化基础设施建设, 应用系统软件开发, 数据资源共享利用, 网络和信息安全, 系统集成, 软课题研究; om_only (日常运行维护) and equipment_only (单纯设备购置) are outside the measures.';

CREATE TYPE lgit.build_type AS ENUM ('new', 'expansion', 'upgrade');
COMMENT ON TYPE lgit.build_type IS 'Art 2: 新建, 扩建, 升级改造.';
