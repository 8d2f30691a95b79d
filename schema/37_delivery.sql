-- From contract to completion and after: contracts with their payment schedules, change
-- orders and payments (Art 17-24, 31, 38, 45), O&M funding (Art 32, 46-48) and the results
-- registry (Art 37-39).

ALTER TABLE lgit.project ADD COLUMN custom_development boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN lgit.project.custom_development IS 'Art 29: the unit declares custom software development. It can only add to what the project is: an application project (应用系统软件开发) or one with a software-development contract is a custom development whatever this says, and only the authority''s source_code_exemption (an off-the-shelf product) lifts the source code upload (LG291).';

CREATE TABLE lgit.contract (
  contract_id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id           bigint  NOT NULL REFERENCES lgit.project,
  doc_number           text    UNIQUE,
  contractor           text    NOT NULL CHECK (btrim(contractor) <> ''),
  amount               numeric(16,2) NOT NULL CHECK (amount > 0),
  signed_on            date    NOT NULL,
  filed_on             date    CHECK (filed_on >= signed_on),
  supervisor           text,
  supervisor_qualified boolean NOT NULL DEFAULT false,
  acceptance_clause    boolean NOT NULL DEFAULT false,
  ownership_clause     boolean NOT NULL DEFAULT false,
  warranty_months      int     NOT NULL CHECK (warranty_months >= 0),
  software_development boolean NOT NULL DEFAULT false
);
CREATE INDEX contract_project_idx ON lgit.contract (project_id);
COMMENT ON TABLE lgit.contract IS
  'Art 17-19, 38, 45: the construction contract (承建合同) with its supervisor (监理), clauses and warranty. Registered by the unit; filed_on (中标通知书、合同复印件备案) is recorded by the authority.';
COMMENT ON COLUMN lgit.contract.filed_on IS 'Art 19: date the authority accepted the filing of the bid notice and contract; due within 10 working days of signed_on (LG191).';
COMMENT ON COLUMN lgit.contract.acceptance_clause IS 'Art 19: the contract states the acceptance method and content (LG190).';
COMMENT ON COLUMN lgit.contract.ownership_clause IS 'Art 38: source code and data belong to the unit (LG380).';
COMMENT ON COLUMN lgit.contract.warranty_months IS 'Art 45: at least min_warranty_months (LG450).';
COMMENT ON COLUMN lgit.contract.software_development IS 'Art 38: a software-development contract (软件开发类), which must carry the ownership clause (LG380); a contract of an application project (category application, 应用系统软件开发) is one whatever this says. It also makes the project a custom development whose source code is uploaded (Art 29, LG291).';

CREATE TABLE lgit.payment_milestone (
  contract_id bigint     NOT NULL REFERENCES lgit.contract,
  stage       lgit.stage NOT NULL,
  amount      numeric(16,2) NOT NULL CHECK (amount > 0),
  PRIMARY KEY (contract_id, stage)
);
COMMENT ON TABLE lgit.payment_milestone IS 'Art 31: the contract''s payment schedule (合同约定的支付进度): how much becomes payable once the project has reached a stage from contracted on. Part of the contract: written with it, within its price and approved changes, and frozen with it once filed.';

CREATE TABLE lgit.payment (
  payment_id   bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contract_id  bigint  NOT NULL REFERENCES lgit.contract,
  amount       numeric(16,2) NOT NULL CHECK (amount > 0),
  requested_on date    NOT NULL
);
COMMENT ON TABLE lgit.payment IS 'Art 31: funds requested under a contract; only as far as its schedule allows for the stages reached, and only once the contract is filed (LG310).';

CREATE TABLE lgit.change_order (
  change_id                bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contract_id              bigint  NOT NULL REFERENCES lgit.contract,
  reason_category          text    NOT NULL CHECK (reason_category IN
    ('technology_update', 'equipment_discontinued', 'compatibility', 'higher_level_requirement',
     'business_adjustment', 'policy_adjustment', 'price_increase', 'other')),
  description              text    NOT NULL,
  amount                   numeric(16,2) NOT NULL CHECK (amount <> 0),
  signed_on                date    NOT NULL,
  confirmed_by_design      boolean NOT NULL DEFAULT false,
  confirmed_by_supervision boolean NOT NULL DEFAULT false,
  confirmed_by_contractor  boolean NOT NULL DEFAULT false,
  authority_review_id      bigint  REFERENCES lgit.document,
  reapproval_id            bigint  REFERENCES lgit.document
);
CREATE INDEX change_order_contract_idx ON lgit.change_order (contract_id);
COMMENT ON TABLE lgit.change_order IS
  'Art 23, 24: a change (技术更新, 设备停产, 兼容性, 上级文件要求, 业务调整, 政策调整, 价格上涨, or another special situation: the article''s list ends with 等, so ''other'' with its description is accepted) confirmed by design, supervision and contractor. The cumulative absolute change against the contract price is tracked, so splitting a change does not stay under change_review_ratio: over it the authority''s review is required (LG240); a budget over the approved estimate needs re-approval (LG230). Changes are never altered or removed; a correction is another change.';
COMMENT ON COLUMN lgit.change_order.amount IS 'Signed: positive adds to the contract price, negative reduces it; the absolute value counts toward the Art 24 ratio.';
COMMENT ON COLUMN lgit.change_order.authority_review_id IS 'The authority''s approving review (document kind authority_change_review), required once cumulative changes exceed change_review_ratio.';
COMMENT ON COLUMN lgit.change_order.reapproval_id IS 'The DRC''s re-approval (document kind estimate_reapproval), required when contracts and changes pass the approved estimate.';

CREATE TABLE lgit.om_funding (
  funding_id bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint  NOT NULL REFERENCES lgit.project,
  year       int     NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  amount     numeric(16,2) NOT NULL CHECK (amount > 0),
  granted_on date    NOT NULL,
  UNIQUE (project_id, year)
);
COMMENT ON TABLE lgit.om_funding IS
  'Art 32, 46-48: O&M money (运维经费) granted by finance; only for a completed project whose completion report is on file (LG320) and whose unit is under no data-sharing or security sanction (LG470, LG480).';

CREATE TABLE lgit.result (
  result_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES lgit.project,
  kind       text   NOT NULL CHECK (kind IN ('intellectual_property', 'software', 'data')),
  title      text   NOT NULL,
  registered_on date NOT NULL
);
COMMENT ON TABLE lgit.result IS 'Art 37-39: the project''s results (知识产权, 软件含源代码, 数据) in the district''s 成果库; a completed project without any is reported (LG380).';

CREATE TABLE lgit.final_accounts (
  project_id          bigint  PRIMARY KEY REFERENCES lgit.project,
  report_doc_number   text    NOT NULL,
  consultant          text    NOT NULL,
  audit_concluded_on  date,
  surplus             numeric(16,2) CHECK (surplus >= 0),
  surplus_returned_on date    CHECK (surplus_returned_on >= audit_concluded_on)
);
COMMENT ON TABLE lgit.final_accounts IS
  'Art 35, 36: the final accounts by a third-party cost consultant (registered by the unit), the date the audit conclusion was issued and the surplus it found (recorded by the audit), the surplus to be returned within surplus_return_workdays of that date (LG360, reported in lgit.overdue).';
COMMENT ON COLUMN lgit.final_accounts.audit_concluded_on IS 'Art 35, 36: the date the audit conclusion was issued; recorded by the audit only.';
COMMENT ON COLUMN lgit.final_accounts.surplus IS 'Art 36: the surplus the audit found; recorded by the audit only.';

CREATE TABLE lgit.platform_connection (
  project_id   bigint NOT NULL REFERENCES lgit.project,
  platform     text   NOT NULL CHECK (platform IN ('gov_network', 'gov_cloud', 'spatial_information', 'big_data',
                                                     'gov_office', 'unified_portal', 'identity_access')),
  connected_on date   NOT NULL,
  PRIMARY KEY (project_id, platform)
);
COMMENT ON TABLE lgit.platform_connection IS
  'Art 40, 41: the district''s unified platforms a new system connects to (政务网, 政务云, 时空信息, 大数据, 政务办公, 统一门户, 身份认证和访问管理), 应接尽接.';

CREATE TABLE lgit.equipment_purchase (
  purchase_id         bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id          bigint  NOT NULL REFERENCES lgit.project,
  kind                text    NOT NULL CHECK (kind IN ('gov_cloud', 'security', 'network_device', 'other')),
  description         text    NOT NULL,
  amount              numeric(16,2) NOT NULL CHECK (amount > 0),
  on_gov_network      boolean NOT NULL DEFAULT false,
  registration_number text,
  approval_id         bigint  REFERENCES lgit.document
);
CREATE INDEX equipment_purchase_project_idx ON lgit.equipment_purchase (project_id);
COMMENT ON TABLE lgit.equipment_purchase IS
  'Art 42, 43: equipment a project buys. Government-cloud equipment is bought by the authority only, security equipment with its approval (LG420); a device on the government network is registered with the authority (登记) before the system goes live (LG430).';
COMMENT ON COLUMN lgit.equipment_purchase.registration_number IS 'Art 43: the authority''s registration (登记、入库) of a device on the government network; recorded by the authority only.';
COMMENT ON COLUMN lgit.equipment_purchase.approval_id IS 'Art 42: the authority''s approval (security_equipment_approval) of security equipment a unit buys.';

CREATE TABLE lgit.data_access_credential (
  credential_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id       bigint NOT NULL REFERENCES lgit.project,
  account          text   NOT NULL CHECK (btrim(account) <> ''),
  connection       text   NOT NULL CHECK (btrim(connection) <> ''),
  secret_ref       text   CHECK (btrim(secret_ref) <> ''),
  secret_encrypted bytea,
  delivered_on     date   NOT NULL,
  CONSTRAINT secret_referenced_or_encrypted CHECK ((secret_ref IS NULL) <> (secret_encrypted IS NULL))
);
COMMENT ON TABLE lgit.data_access_credential IS
  'Art 29: the read-only database account delivered to the authority, with its connection. The password is never stored in plain text: either a reference to a secret store (secret_ref) or encrypted with pgcrypto (secret_encrypted, an OpenPGP symmetric message from pgp_sym_encrypt). The handover audit needs one (LG290).';
COMMENT ON COLUMN lgit.data_access_credential.secret_ref IS 'Where the password is kept (e.g. a vault path); lgit never sees the password.';
COMMENT ON COLUMN lgit.data_access_credential.secret_encrypted IS 'pgp_sym_encrypt(password, key): refused unless it is a symmetric-key OpenPGP message.';

CREATE FUNCTION lgit.is_pgp_symmetric_message(data bytea) RETURNS boolean
  LANGUAGE c IMMUTABLE STRICT PARALLEL SAFE AS 'MODULE_PATHNAME', 'lgit_is_pgp_symmetric_message';
COMMENT ON FUNCTION lgit.is_pgp_symmetric_message(bytea) IS
  'True when the bytes begin an OpenPGP symmetric-key message (a version 4 symmetric-key encrypted session key packet), as pgcrypto''s pgp_sym_encrypt() writes: how lgit tells an encrypted secret from a password typed in plain.';
ALTER TABLE lgit.data_access_credential ADD CONSTRAINT secret_is_encrypted
  CHECK (secret_encrypted IS NULL OR lgit.is_pgp_symmetric_message(secret_encrypted));
