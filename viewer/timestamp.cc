#include "viewer/timestamp.h"

#include <array>
#include <cstdio>

#include "common/time_format.h"

namespace logstow::viewer {

namespace {

// A date for times written without one: they compare only within their own log.
constexpr int kTimeOnlyYear = 2000;
// Any leap year: a month/day is a date of some year when it is one of this year.
constexpr int kLeapYear = 2000;

// A cursor over the line's first bytes.
class Reader {
 public:
  explicit Reader(std::string_view text, size_t at = 0) : text_(text), at_(at) {}
  size_t at() const { return at_; }
  bool Done() const { return at_ >= text_.size(); }
  char Peek(size_t ahead = 0) const {
    return at_ + ahead < text_.size() ? text_[at_ + ahead] : '\0';
  }
  bool Eat(char c) {
    if (Peek() != c) return false;
    ++at_;
    return true;
  }
  // Exactly `n` digits.
  bool Digits(int n, int* value) {
    int v = 0;
    for (int i = 0; i < n; ++i) {
      const char c = Peek(i);
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    at_ += n;
    *value = v;
    return true;
  }
  // One or two digits (syslog pads days with a space: "Jun  9").
  bool Day(int* value) {
    if (Peek() == ' ') ++at_;
    if (Digits(2, value)) return true;
    return Digits(1, value);
  }
  // ".123" or ",123456": fraction of a second in microseconds (digits past 6 are read over).
  int64_t Fraction() {
    if ((Peek() != '.' && Peek() != ',') || Peek(1) < '0' || Peek(1) > '9') return 0;
    ++at_;
    int64_t us = 0;
    int digits = 0;
    while (Peek() >= '0' && Peek() <= '9') {
      if (digits < 6) us = us * 10 + (Peek() - '0');
      ++digits;
      ++at_;
    }
    for (; digits < 6; ++digits) us *= 10;
    return us;
  }
  bool Month(int* month) {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::string_view word = text_.substr(at_, 3);
    for (size_t i = 0; i < kMonths.size(); ++i) {
      if (word == kMonths[i]) {
        at_ += 3;
        *month = static_cast<int>(i) + 1;
        return true;
      }
    }
    return false;
  }
  bool Weekday() {
    static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                              "Fri", "Sat", "Sun"};
    const std::string_view word = text_.substr(at_, 3);
    for (const std::string_view day : kDays) {
      if (word == day) {
        at_ += 3;
        return true;
      }
    }
    return false;
  }
  // "HH:MM:SS[.frac]" -> microseconds since midnight.
  bool TimeOfDay(int64_t* us) {
    int h, m, s;
    if (!Digits(2, &h) || !Eat(':') || !Digits(2, &m) || !Eat(':') || !Digits(2, &s)) return false;
    if (h > 23 || m > 59 || s > 60) return false;
    *us = ((h * 60 + m) * 60 + s) * int64_t{1000000} + Fraction();
    return true;
  }

 private:
  std::string_view text_;
  size_t at_;
};

bool ValidDate(int64_t year, int month, int day) {
  static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return !(month == 2 && day == 29 && !leap);
}

Timestamp Make(size_t begin, size_t end, int64_t year, int month, int day, int64_t time_us,
               bool has_date, bool has_year) {
  Timestamp t;
  t.ok = true;
  t.begin = static_cast<uint32_t>(begin);
  t.end = static_cast<uint32_t>(end);
  t.unix_us = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) *
                  int64_t{86400000000} +
              time_us;
  t.has_date = has_date;
  t.has_year = has_year;
  return t;
}

// "2013-09-10 12:34:56.789", "2013-09-10T12:34:56Z", "2024/01/31 08:00:00+02:00".
Timestamp Iso(std::string_view line, size_t begin) {
  Reader r(line, begin);
  int year, month, day;
  if (!r.Digits(4, &year)) return {};
  const char sep = r.Peek();
  if ((sep != '-' && sep != '/') || !r.Eat(sep) || !r.Digits(2, &month) || !r.Eat(sep) ||
      !r.Digits(2, &day)) {
    return {};
  }
  if (!r.Eat(' ') && !r.Eat('T')) return {};
  int64_t time_us;
  if (!r.TimeOfDay(&time_us) || !ValidDate(year, month, day)) return {};
  // A zone suffix belongs to the timestamp's text but does not shift the value.
  if (!r.Eat('Z') && (r.Peek() == '+' || r.Peek() == '-')) {
    Reader zone(line, r.at() + 1);
    int hh, mm;
    if (zone.Digits(2, &hh)) {
      zone.Eat(':');
      if (zone.Digits(2, &mm)) r = zone;
    }
  }
  return Make(begin, r.at(), year, month, day, time_us, true, true);
}

// "Jun 09 15:41:36.123" (syslog, journal) or "Sat Mar 28 12:20:42.377230 2020" (ctime, Apache).
Timestamp Textual(std::string_view line, size_t begin, int64_t file_date_unix_s) {
  Reader r(line, begin);
  const bool weekday = r.Weekday();
  if (weekday && !r.Eat(' ')) return {};
  int month, day;
  int64_t time_us;
  if (!r.Month(&month) || !r.Eat(' ') || !r.Day(&day) || !r.Eat(' ') || !r.TimeOfDay(&time_us)) {
    return {};
  }
  const size_t no_year_end = r.at();
  int year;
  if (r.Eat(' ') && r.Digits(4, &year) && ValidDate(year, month, day)) {
    return Make(begin, r.at(), year, month, day, time_us, true, true);
  }
  if (weekday || !ValidDate(kLeapYear, month, day)) return {};  // ctime always has the year
  return Make(begin, no_year_end, YearFromFileDate(month, day, file_date_unix_s), month, day,
              time_us, true, false);
}

// klog (Kubernetes, glog): "E0301 12:00:00.000000 1234 file.go:12]": the level letter, then
// MMDD and the time; no year. The timestamp's text is the "MMDD hh:mm:ss.frac" after the letter.
Timestamp Klog(std::string_view line, size_t begin, int64_t file_date_unix_s) {
  Reader r(line, begin);
  const char level = r.Peek();
  if (level != 'I' && level != 'W' && level != 'E' && level != 'F') return {};
  r.Eat(level);
  const size_t text_begin = r.at();
  int month, day;
  int64_t time_us;
  if (!r.Digits(2, &month) || !r.Digits(2, &day) || !r.Eat(' ') || !r.TimeOfDay(&time_us) ||
      !ValidDate(kLeapYear, month, day)) {
    return {};
  }
  return Make(text_begin, r.at(), YearFromFileDate(month, day, file_date_unix_s), month, day,
              time_us, true, false);
}

Timestamp TimeOnly(std::string_view line, size_t begin) {
  Reader r(line, begin);
  int64_t time_us;
  if (!r.TimeOfDay(&time_us)) return {};
  // Not the start of a longer number ("12:34:567").
  if (r.Peek() >= '0' && r.Peek() <= '9') return {};
  return Make(begin, r.at(), kTimeOnlyYear, 1, 1, time_us, false, false);
}

}  // namespace

int64_t YearFromFileDate(int month, int day, int64_t file_date_unix_s) {
  constexpr int64_t kDayS = 86400;
  const int64_t file_day =
      file_date_unix_s / kDayS - (file_date_unix_s % kDayS < 0 ? 1 : 0);  // floor
  const int64_t latest = file_day + 1;                                    // a day's slack
  const int64_t year = CivilFromDays(latest).year;
  // Leap years are at most 8 apart (1896, 1904), so Feb 29 is found within 9 years.
  for (int64_t y = year; y > year - 9; --y) {
    if (ValidDate(y, month, day) &&
        DaysFromCivil(y, static_cast<unsigned>(month), static_cast<unsigned>(day)) <= latest) {
      return y;
    }
  }
  return year - 1;  // not a date of any year (see REQUIRES)
}

std::string FormatNaiveTime(int64_t unix_us) {
  constexpr int64_t kDayUs = 86400000000;
  int64_t days = unix_us / kDayUs;
  int64_t rest = unix_us % kDayUs;
  if (rest < 0) {
    rest += kDayUs;
    --days;
  }
  const CivilDate date = CivilFromDays(days);
  const int64_t ms = rest / 1000;
  char out[32];
  std::snprintf(out, sizeof(out), "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lld",
                static_cast<long long>(date.year), date.month, date.day,
                static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
                static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
  return out;
}

Timestamp ParseTimestamp(std::string_view line, int64_t file_date_unix_s) {
  const size_t begin = !line.empty() && line[0] == '[' ? 1 : 0;
  if (begin >= line.size()) return {};
  const char first = line[begin];
  if (first >= '0' && first <= '9') {
    if (Timestamp t = Iso(line, begin); t.ok) return t;
    return TimeOnly(line, begin);
  }
  if (first >= 'A' && first <= 'Z') {
    if (line.size() > begin + 1 && line[begin + 1] >= '0' && line[begin + 1] <= '9') {
      return Klog(line, begin, file_date_unix_s);
    }
    return Textual(line, begin, file_date_unix_s);
  }
  return {};
}

}  // namespace logstow::viewer
