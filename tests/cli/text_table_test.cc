// TextTable: columns as wide as their widest cell, numbers to the right; and,
// for catalogs, rows streamed at widths fixed by the first ones.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/text_table.h"

namespace eccn::cli {
namespace {

TextTable Table() { return TextTable({"NAME", "TPP"}, {TextTable::Align::kLeft, TextTable::Align::kRight}); }

TEST(TextTable, SizesEachColumnToItsWidestCell) {
  TextTable table = Table();
  table.AddRow({"a", "4800"});
  table.AddRow({"long name", "7"});
  std::ostringstream out;
  table.Render(out);
  EXPECT_EQ(out.str(), "NAME        TPP\na          4800\nlong name     7\n");
}

TEST(TextTable, FlushedRowsKeepTheWidthsOfTheFirstFlush) {
  TextTable table = Table();
  table.AddRow({"a", "4800"});
  std::ostringstream out;
  table.Flush(out);
  EXPECT_EQ(table.held_rows(), 0U);
  table.AddRow({"b", "1"});
  table.AddRow({"a longer name", "123456"});  // wider than the widths fixed: pushes its row right
  table.Flush(out);
  table.AddRow({"c", "2"});
  table.Render(out);  // the header is not written again
  EXPECT_EQ(out.str(),
            "NAME   TPP\n"
            "a     4800\n"
            "b        1\n"
            "a longer name  123456\n"
            "c        2\n");
}

TEST(TextTable, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth("H\xc3\xa9llo"), 5U);  // é is two bytes, one column
}

}  // namespace
}  // namespace eccn::cli
