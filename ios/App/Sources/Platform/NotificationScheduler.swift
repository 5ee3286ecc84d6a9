import DvcCore
import UserNotifications

/// Schedules the core's reminders of an appointment as local notifications
/// (UNUserNotificationCenter); the same id replaces an earlier schedule.
/// Tapping one opens its app link (`userInfo["link"]`, handled by `onOpenURL`).
enum NotificationScheduler {
    /// Asks once, then schedules every reminder.
    static func schedule(_ reminders: [ReminderRow]) {
        let center = UNUserNotificationCenter.current()
        center.requestAuthorization(options: [.alert, .sound]) { granted, _ in
            guard granted else { return }
            for r in reminders {
                let content = UNMutableNotificationContent()
                content.title = r.title
                content.body = r.body
                content.userInfo = ["link": r.deepLink]
                let when = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute, .second], from: r.at)
                let trigger = UNCalendarNotificationTrigger(dateMatching: when, repeats: false)
                center.add(UNNotificationRequest(identifier: r.notificationId, content: content, trigger: trigger))
            }
        }
    }

    /// Cancels the reminders of a cancelled or moved appointment.
    static func cancel(_ reminders: [ReminderRow]) {
        UNUserNotificationCenter.current().removePendingNotificationRequests(withIdentifiers: reminders.map(\.notificationId))
    }
}
