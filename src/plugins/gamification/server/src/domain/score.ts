/**
 * Habit strength, as Loop Habit Tracker computes it for yes/no habits (iSoron/uhabits, GPL-3.0):
 * `uhabits-core/src/jvmMain/java/org/isoron/uhabits/core/models/Score.kt` (Score.compute) and
 * `.../models/ScoreList.kt` (ScoreList.recompute, the `!isNumerical` branch). Re-implemented from
 * the rule, not copied. Loop's SKIP entries and numerical habits have no counterpart here.
 */
import { fromDayNumber, isValidDate, toDayNumber } from '../../../../../utils/calendar';
import { assertValidFrequency, frequencyFraction, type Frequency } from './frequency';

// The half-life grows as the habit gets rarer: m = 0.5 ^ (sqrt(frequency) / 13), i.e. 13 days for a daily habit.
/** Loop's Score.compute: the next strength, `previous·m + value·(1−m)`, an exponential moving average of checkmark values. */
export const loopScore = (frequency: number, previousScore: number, checkmarkValue: number): number => {
  const multiplier = 0.5 ** (Math.sqrt(frequency) / 13);
  return previousScore * multiplier + checkmarkValue * (1 - multiplier);
};

export type StrengthInput = { frequency: Frequency; startDate: string; checkInDates: string[]; today: string };
export type StrengthResult = { current: number; series: Array<{ date: string; score: number }> };

/** Loop-style strength in [0, 1] for every day from `startDate` to `today` (empty, current 0, before the start); throws RangeError on malformed input. */
export const habitStrength = (input: StrengthInput): StrengthResult => {
  const frequency = assertValidFrequency(input.frequency);
  const start = toDayNumber(input.startDate);
  const today = toDayNumber(input.today);
  if (today < start) return { current: 0, series: [] };

  const checked = new Array<boolean>(today - start + 1).fill(false);
  for (const date of input.checkInDates) {
    if (!isValidDate(date)) continue;
    const n = toDayNumber(date);
    if (n >= start && n <= today) checked[n - start] = true;
  }

  let { numerator, denominator } = frequencyFraction(frequency);
  const freq = numerator / denominator;
  // ScoreList.recompute: "For non-daily boolean habits, we double the numerator and the denominator
  // to smooth out irregular repetition schedules (for example, weekly habits performed on different
  // days of the week)". The EMA itself still uses the undoubled frequency.
  if (freq < 1) {
    numerator *= 2;
    denominator *= 2;
  }

  // ScoreList.recompute: the day's checkmark value is the number of check-ins in the last
  // `denominator` days (the day itself included, nothing before the start) over `numerator`, capped at 1.
  const series: Array<{ date: string; score: number }> = [];
  let rollingSum = 0;
  let score = 0;
  for (let i = 0; i < checked.length; i += 1) {
    if (checked[i]) rollingSum += 1;
    if (i - denominator >= 0 && checked[i - denominator]) rollingSum -= 1;
    score = loopScore(freq, score, Math.min(1, rollingSum / numerator));
    series.push({ date: fromDayNumber(start + i), score });
  }
  return { current: score, series };
};
