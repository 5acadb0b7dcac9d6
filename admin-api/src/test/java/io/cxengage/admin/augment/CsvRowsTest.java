package io.cxengage.admin.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowsTest {

  @Test
  void readsRowsWithTheLineTheyStartOn() throws IOException {
    List<CsvRows.Row> rows =
        read("username,email \nryan,support@userevents.com\n\nbob,\"admin\nsecond line\"\nzed,z\n");
    assertThat(rows)
        .containsExactly(
            new CsvRows.Row(1, List.of("username", "email")),
            new CsvRows.Row(2, List.of("ryan", "support@userevents.com")),
            new CsvRows.Row(4, List.of("bob", "admin\nsecond line")),
            new CsvRows.Row(6, List.of("zed", "z")));
  }

  @Test
  void skipsAByteOrderMarkAndReadsCrLf() throws IOException {
    List<CsvRows.Row> rows = read("\uFEFFid,x\r\n1,\"a,b\"\r\n2,\"say \"\"hi\"\"\"\r\n");
    assertThat(rows)
        .extracting(CsvRows.Row::values)
        .containsExactly(List.of("id", "x"), List.of("1", "a,b"), List.of("2", "say \"hi\""));
  }

  @Test
  void textAfterAClosingQuoteIsAnError() throws IOException {
    try (CsvRows rows = rows("a,b\n\"x\"y,2\n")) {
      rows.next();
      assertThatThrownBy(rows::next)
          .isInstanceOf(CsvRows.FormatException.class)
          .hasMessageContaining("after a closing quote on line 2");
    }
  }

  @Test
  void keepsRowsOfAnotherWidthForTheCallerToRefuse() throws IOException {
    assertThat(read("a,b\n1\n1,2,3\n"))
        .extracting(CsvRows.Row::values)
        .containsExactly(List.of("a", "b"), List.of("1"), List.of("1", "2", "3"));
  }

  @Test
  void anUnclosedQuoteFailsWithItsLine() throws IOException {
    try (CsvRows rows = rows("a,b\n1,2\n3,\"open\n")) {
      rows.next();
      rows.next();
      assertThatThrownBy(rows::next)
          .isInstanceOf(CsvRows.FormatException.class)
          .hasMessage("a quoted value opened on line 3 is not closed")
          .satisfies(e -> assertThat(((CsvRows.FormatException) e).line()).isEqualTo(3));
    }
  }

  private static List<CsvRows.Row> read(String text) throws IOException {
    List<CsvRows.Row> all = new ArrayList<>();
    try (CsvRows rows = rows(text)) {
      CsvRows.Row row;
      while ((row = rows.next()) != null) {
        all.add(row);
      }
    }
    return all;
  }

  private static CsvRows rows(String text) throws IOException {
    return new CsvRows(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
