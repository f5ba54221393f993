import { assertValidFrequency, frequencyFraction, frequencyRatio, frequencyProblem } from '../frequency';

describe('frequency', () => {
  it('expects one check-in a day for a daily habit', () => {
    expect(frequencyRatio({ type: 'daily' })).toBe(1);
  });

  it('expects n/7 per day for n times a week and k/7 for k scheduled weekdays', () => {
    expect(frequencyRatio({ type: 'timesPerWeek', timesPerWeek: 3 })).toBe(3 / 7);
    expect(frequencyRatio({ type: 'weekdays', weekdays: [1, 2, 3, 4, 5] })).toBe(5 / 7);
    expect(frequencyFraction({ type: 'weekdays', weekdays: [6, 7, 7] })).toEqual({ numerator: 2, denominator: 7 });
  });

  it('expects 1/N per day for a habit due every N days', () => {
    expect(frequencyRatio({ type: 'everyNDays', intervalDays: 4 })).toBe(1 / 4);
    expect(frequencyFraction({ type: 'everyNDays', intervalDays: 4 })).toEqual({ numerator: 1, denominator: 4 });
  });

  it('accepts the documented ranges and names what is wrong otherwise', () => {
    expect(frequencyProblem({ type: 'timesPerWeek', timesPerWeek: 7 })).toBeNull();
    expect(frequencyProblem({ type: 'timesPerWeek', timesPerWeek: 8 })).toMatch(/1 to 7/);
    expect(frequencyProblem({ type: 'timesPerWeek', timesPerWeek: 2.5 })).toMatch(/whole number/);
    expect(frequencyProblem({ type: 'everyNDays', intervalDays: 2 })).toBeNull();
    expect(frequencyProblem({ type: 'everyNDays', intervalDays: 1 })).toMatch(/at least 2/);
    expect(frequencyProblem({ type: 'weekdays', weekdays: [] })).toMatch(/at least one/);
    expect(() => assertValidFrequency({ type: 'weekdays', weekdays: [1, 8 as 1] })).toThrow(RangeError);
  });
});
