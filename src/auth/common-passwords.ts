/**
 * Passwords that appear near the top of public breach lists, plus the usual words with the usual
 * suffixes. Shorter ones are refused by the length rule anyway, so only 12+ characters matter here.
 */
const LISTED = [
  '123456789012', '1234567890123', '12345678901234', '123456789123', '1234567890qwerty', 'qwerty1234567890',
  'qwertyuiop123', 'qwertyuiopasdf', 'qwertyuiopasdfgh', 'qwertyuiopasdfghjkl', 'asdfghjkl123', 'asdfghjkl;123',
  'zxcvbnm12345', 'zxcvbnm123456', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', '1q2w3e4r5t6y7u8i', 'q1w2e3r4t5y6', 'q1w2e3r4t5y6u7',
  '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', 'zaq12wsxcde3', 'zaq1xsw2cde3', '123qweasdzxc', 'qweasdzxc123', '1234qwerasdf',
  '1234qwerasdfzxcv', 'a1b2c3d4e5f6', 'abc123456789', '123456789abc', 'abcdefghijkl', 'abcdefghijklmnop', 'abcd12345678',
  'p@ssw0rd1234', 'p@$$w0rd1234', 'passw0rd1234', 'password1234', 'password12345', 'password123456', 'password123!',
  'passwordpassword', 'password!123', 'mypassword123', 'mypassword1234', 'thisismypassword', 'iloveyou1234',
  'iloveyou123456', 'administrator', 'administrator1', 'admin1234567', 'adminadmin123', 'welcome12345', 'welcome123456',
  'letmein12345', 'letmein123456', 'changeme1234', 'changeme123456', 'trustno11234', 'whatever1234', 'nothing12345',
  'qwerty123456', 'qwerty1234567', 'qwertyqwerty', 'qwerty123qwerty', 'asdfasdfasdf', 'asdfqwerzxcv', 'zxcvasdfqwer',
  'correcthorsebatterystaple', 'iloveyouiloveyou', 'aaaaaaaaaaaa', 'aaaaaa123456', '111111111111', '000000000000',
  '123123123123', '121212121212', '987654321098', '0987654321qwerty', '147258369123', '159753456852',
  'йцукенгшщзхъ', 'йцукен123456', 'пароль123456', 'пароль12345678', 'qwertyuiop[]', 'qazwsxedcrfv', 'qazwsxedcrfvtgb',
  'salesbench123', 'salesbench1234', 'salesbench2026',
];

const WORDS = [
  'password', 'welcome', 'letmein', 'monkey', 'dragon', 'sunshine', 'princess', 'football', 'baseball', 'superman',
  'batman', 'iloveyou', 'trustno1', 'master', 'shadow', 'michael', 'jennifer', 'jordan', 'hunter', 'charlie',
  'starwars', 'computer', 'internet', 'freedom', 'whatever', 'qwerty', 'qwertyuiop', 'summer', 'winter', 'spring',
  'autumn', 'secret', 'samsung', 'google', 'company', 'sales', 'salesforce', 'hubspot', 'manager', 'business',
  'money', 'success', 'welcome1', 'changeme', 'default', 'london', 'moscow', 'natasha', 'tatiana', 'alexander',
  'maxim', 'dmitry', 'andrey', 'sergey', 'olga', 'elena', 'anastasia', 'marina', 'svetlana', 'ekaterina',
];

const SUFFIXES = ['', '1', '12', '123', '1234', '12345', '123456', '!', '1!', '123!', '2024', '2025', '2026', '@123', '_123'];

export const COMMON_PASSWORDS: readonly string[] = [
  ...LISTED,
  ...WORDS.flatMap((word) => SUFFIXES.flatMap((suffix) => [word + suffix, word + word + suffix])),
].filter((password) => [...password].length >= 12);
