/** Texts of the password-reset pages. Spread into the English catalog (the source of keys) and, via authRu, into the Russian one. */
export const authEn = {
  'login.forgot': 'Forgot your password?',
  'forgot.title': 'Reset your password',
  'forgot.intro': 'Enter the e-mail address of your account. If it has one, a link to choose a new password goes to it; the link works once, for an hour.',
  'forgot.submit': 'Send me a link',
  'forgot.sent.title': 'Check your inbox',
  'forgot.sent.body': 'If {email} belongs to an account, a link to choose a new password is on its way. It works once, for an hour. Nothing arrives? Check the spam folder, or ask your admin.',
  'forgot.throttled': 'Too many reset requests. Try again in {minutes} min.',
  'forgot.back': 'Back to sign-in',
  'reset.title': 'Choose a new password',
  'reset.intro': 'Choose a new password for {email}. Every session of yours ends, here and elsewhere, and you are signed in again.',
  'reset.submit': 'Save the new password',
  'reset.invalid': 'This reset link no longer works: it was used, it expired, or a newer one was sent. Ask for a new one from the sign-in page.',
  'reset.done': 'Your password is changed, and you are signed in.',
} as const;

export const authRu: Record<keyof typeof authEn, string> = {
  'login.forgot': 'Забыли пароль?',
  'forgot.title': 'Сброс пароля',
  'forgot.intro': 'Введите адрес почты вашей учётной записи. Если такая есть, на него придёт ссылка, чтобы задать новый пароль; ссылка одноразовая и действует час.',
  'forgot.submit': 'Прислать ссылку',
  'forgot.sent.title': 'Проверьте почту',
  'forgot.sent.body': 'Если адрес {email} принадлежит учётной записи, на него отправлена ссылка, чтобы задать новый пароль. Она одноразовая и действует час. Письма нет? Проверьте папку «Спам» или обратитесь к администратору.',
  'forgot.throttled': 'Слишком много запросов на сброс. Попробуйте снова через {minutes} мин.',
  'forgot.back': 'Вернуться ко входу',
  'reset.title': 'Новый пароль',
  'reset.intro': 'Задайте новый пароль для {email}. Все ваши сеансы здесь и на других устройствах завершатся, и вы снова войдёте.',
  'reset.submit': 'Сохранить новый пароль',
  'reset.invalid': 'Эта ссылка для сброса больше не действует: ею уже воспользовались, срок истёк или пришла более новая. Запросите новую на странице входа.',
  'reset.done': 'Пароль изменён, вы вошли.',
};
