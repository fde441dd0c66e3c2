#include "common/html_escape.h"

#include <gtest/gtest.h>

namespace logstow {
namespace {

TEST(EscapeHtml, EscapesEveryMarkupCharacter) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"a & b", "a &amp; b"},
      {"\" onmouseover='x'", "&quot; onmouseover=&#39;x&#39;"},
      {"&amp;", "&amp;amp;"},
      {std::string("nul\0byte", 8),
       "nul\xEF\xBF\xBD"
       "byte"},
      {"bad \xFF utf8", "bad \xEF\xBF\xBD utf8"},
      {"tab\tstays", "tab\tstays"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(EscapeHtml(c.in), c.out);
  }
}

TEST(EscapeHtml, OutputNeverHoldsARawMarkupCharacter) {
  std::string every_byte;
  for (int c = 0; c < 256; ++c) every_byte.push_back(static_cast<char>(c));
  const std::string out = EscapeHtml(every_byte);
  EXPECT_EQ(out.find('<'), std::string::npos);
  EXPECT_EQ(out.find('>'), std::string::npos);
  EXPECT_EQ(out.find('"'), std::string::npos);
  EXPECT_EQ(out.find('\''), std::string::npos);
}

}  // namespace
}  // namespace logstow
