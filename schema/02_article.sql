-- The measures themselves, article by article, so that rules and errors quote them verbatim.

CREATE TABLE lgit.article (
  article_no  int  PRIMARY KEY CHECK (article_no > 0),
  chapter_no  int  NOT NULL CHECK (chapter_no > 0),
  chapter_zh  text NOT NULL,
  text_zh     text NOT NULL
);
COMMENT ON TABLE lgit.article IS
  '龙岗区信息化项目管理办法（修订草案）: the full Chinese text of every article, loaded from the seed text.';
COMMENT ON COLUMN lgit.article.text_zh IS 'The article as published, prefixed 第N条：.';
