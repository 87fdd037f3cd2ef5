package dev.pullpath.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceLinesTest {

  @Test
  void findsTheFirstLineWhereTheIdIsAWholeJsonString() {
    SourceLines lines =
        new SourceLines("{\n  \"a\": \"vpc-0abcd\",\n  \"b\": \"vpc-0abc\",\n  \"c\": \"vpc-0abc\"\n}\n");

    assertThat(lines.lineOf("vpc-0abc")).isEqualTo(3);
    assertThat(lines.lineOf("vpc-0abcd")).isEqualTo(2);
  }

  @Test
  void countsCrLfAndLoneCrAsOneLineBreakEach() {
    assertThat(new SourceLines("{\r\n\"x\": 1,\r\n\"id\": \"sg-1\"\r\n}").lineOf("sg-1")).isEqualTo(3);
    assertThat(new SourceLines("{\r\"x\": 1,\r\"id\": \"sg-1\"\r}").lineOf("sg-1")).isEqualTo(3);
  }

  @Test
  void matchesIdsThatNeedJsonEscaping() {
    SourceLines lines = new SourceLines("{\n\"id\": \"odd\\\"name\"\n}");

    assertThat(lines.lineOf("odd\"name")).isEqualTo(2);
  }

  @Test
  void triesEachNameInTurn() {
    SourceLines lines = new SourceLines("{\n\"services\": [],\n\"arn\": \"arn:aws:ecs:r:1:task-definition/httpd:1\"\n}");

    assertThat(lines.lineOf("httpd:1", "arn:aws:ecs:r:1:task-definition/httpd:1")).isEqualTo(3);
    assertThat(lines.lineOf("httpd:1", "arn:unknown")).isEqualTo(1);
  }

  @Test
  void fallsBackToLineOne() {
    assertThat(new SourceLines("{\n\"id\": \"vpc-1\"\n}").lineOf("vpc-2")).isEqualTo(1);
    assertThat(new SourceLines(null).lineOf("vpc-1")).isEqualTo(1);
    assertThat(new SourceLines("{\"id\": \"vpc-1\"}").lineOf("vpc-1")).isEqualTo(1);
  }
}
