-- Projects (Art 2, 3, 14, 15, 33).  stage is moved only along lgit.stage_edge.

CREATE TABLE lgit.project (
  project_id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code                  text   NOT NULL UNIQUE,
  name                  text   NOT NULL,
  unit_id               int    NOT NULL REFERENCES lgit.unit,
  category              lgit.project_category NOT NULL,
  build_type            lgit.build_type NOT NULL,
  plan_year             int    CHECK (plan_year BETWEEN 2000 AND 2100),
  previous_phase_id     bigint REFERENCES lgit.project,
  special_plan_id       int    REFERENCES lgit.special_plan,
  superior_funded       boolean NOT NULL DEFAULT false,
  -- each fund is a number and not negative: 55_well_formed_values.sql
  fund_general_budget   numeric(16,2) NOT NULL DEFAULT 0,
  fund_government_bonds numeric(16,2) NOT NULL DEFAULT 0,
  fund_unit_self_raised numeric(16,2) NOT NULL DEFAULT 0,
  fund_other_government numeric(16,2) NOT NULL DEFAULT 0,
  fund_superior         numeric(16,2) NOT NULL DEFAULT 0,
  fund_social_capital   numeric(16,2) NOT NULL DEFAULT 0,
  district_funds        numeric(16,2) GENERATED ALWAYS AS
    (fund_general_budget + fund_government_bonds + fund_unit_self_raised + fund_other_government) STORED,
  total_investment      numeric(16,2) GENERATED ALWAYS AS
    (fund_general_budget + fund_government_bonds + fund_unit_self_raised + fund_other_government
     + fund_superior + fund_social_capital) STORED,
  responsible_person    text,
  implementing_body     text,
  stage                 lgit.stage NOT NULL DEFAULT 'draft',
  created_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT previous_phase_is_another_project CHECK (previous_phase_id <> project_id),
  CONSTRAINT superior_funded_has_superior_funds CHECK (NOT superior_funded OR fund_superior > 0)
);
CREATE INDEX project_unit_idx ON lgit.project (unit_id);
CREATE INDEX project_previous_phase_idx ON lgit.project (previous_phase_id);

COMMENT ON TABLE lgit.project IS
  'Informatization projects. Insert at stage draft (or established by filing, Art 14); change stage with lgit.advance() or UPDATE, both enforced by the same trigger. Projects are never deleted: terminate them.';
COMMENT ON COLUMN lgit.project.code IS 'The project''s code in the district system (项目编号).';
COMMENT ON COLUMN lgit.project.special_plan_id IS 'Art 8, 9: the filed special plan of the project''s unit it belongs to (LG090).';
COMMENT ON COLUMN lgit.project.previous_phase_id IS 'Art 33: the previous phase of a phased project (分期项目).';
COMMENT ON COLUMN lgit.project.superior_funded IS 'Art 14: arranged and funded by the state, province or city; enters established by filing with the higher approval on record.';
COMMENT ON COLUMN lgit.project.fund_general_budget IS 'Art 3: 区级一般公共预算资金 (CNY).';
COMMENT ON COLUMN lgit.project.fund_government_bonds IS 'Art 3: 政府债券 (CNY).';
COMMENT ON COLUMN lgit.project.fund_unit_self_raised IS 'Art 3: 单位自筹 (CNY).';
COMMENT ON COLUMN lgit.project.fund_other_government IS 'Art 3: 其他用于信息化建设的政府性资金 (CNY).';
COMMENT ON COLUMN lgit.project.fund_superior IS 'Art 14: 国家、省、市拨付资金 (CNY).';
COMMENT ON COLUMN lgit.project.fund_social_capital IS 'Art 15: 社会资金 (CNY).';
COMMENT ON COLUMN lgit.project.district_funds IS 'Art 3: 区政府资金, the sum of the four district sources (CNY).';
COMMENT ON COLUMN lgit.project.total_investment IS '总投资: all sources (CNY); the Art 10 and 11 thresholds compare against it.';
COMMENT ON COLUMN lgit.project.responsible_person IS 'Art 16: 项目责任人.';
COMMENT ON COLUMN lgit.project.implementing_body IS 'Art 16: 项目实施机构.';
COMMENT ON COLUMN lgit.project.stage IS 'Current lifecycle stage; every change is an edge of lgit.stage_edge and appends a row to lgit.history.';
