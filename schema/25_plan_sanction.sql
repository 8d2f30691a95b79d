-- Units' special plans (Art 7-9) and the sanctions on units (Art 47-50).  Both are written by
-- the district bodies: the authority records a plan once it is filed (备案) with it, and the
-- authority or the DRC impose and lift sanctions.

CREATE TABLE lgit.special_plan (
  plan_id   int       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id   int       NOT NULL REFERENCES lgit.unit,
  title     text      NOT NULL,
  years     int4range NOT NULL CHECK (NOT isempty(years) AND NOT lower_inf(years) AND NOT upper_inf(years)),
  filed_on  date      NOT NULL,
  doc_number text     UNIQUE
);
COMMENT ON TABLE lgit.special_plan IS
  'Art 8: a unit''s informatization special plan (信息化建设专项规划), recorded by the authority once filed with it. A project is proposed inside a filed plan of its own unit covering its plan year, or with the minutes of a 区政府有关会议 admitting it (Art 9, rule LG090).';
COMMENT ON COLUMN lgit.special_plan.years IS 'Plan years covered, e.g. [2026,2031) for 2026-2030.';
COMMENT ON COLUMN lgit.special_plan.filed_on IS 'Date the authority accepted the filing (备案); proposals before it are not inside the plan.';

CREATE TABLE lgit.sanction (
  sanction_id int  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id     int  NOT NULL REFERENCES lgit.unit,
  kind        text NOT NULL CHECK (kind IN ('data_sharing', 'security', 'refused_rectification')),
  imposed_on  date NOT NULL,
  lifted_on   date CHECK (lifted_on > imposed_on),
  reason      text NOT NULL CHECK (btrim(reason) <> ''),
  doc_number  text UNIQUE
);
CREATE INDEX sanction_unit_idx ON lgit.sanction (unit_id);
COMMENT ON TABLE lgit.sanction IS
  'Sanctions on a unit: data_sharing (Art 47, 50: 未按要求共享数据资源), security (Art 48: 不符合网络安全要求或存在重大安全隐患), refused_rectification (Art 49: 拒不整改). In force from imposed_on until lifted_on (exclusive); a unit under data_sharing or security may not propose new, expansion or upgrade projects (LG470, LG480), one under refused_rectification gets no approvals (LG490).';
COMMENT ON COLUMN lgit.sanction.lifted_on IS 'First day the sanction no longer applies; NULL while in force. Lifting restores the unit.';
